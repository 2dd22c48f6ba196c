package dev.va.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.port.out.SecureTokens;
import dev.va.application.port.out.SecureTokensContract;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RandomSecureTokensTest implements SecureTokensContract {
  @Override
  public SecureTokens secureTokens() {
    return new RandomSecureTokens(new SecureRandom());
  }

  @Test
  void tokensCarry32BytesAndHashesAreSha256Hex() {
    SecureTokens tokens = secureTokens();
    assertThat(Base64.getUrlDecoder().decode(tokens.newToken())).hasSize(32);
    // FIPS 180-2 test vector for "abc"
    assertThat(tokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
