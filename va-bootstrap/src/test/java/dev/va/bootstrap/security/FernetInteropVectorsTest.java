package dev.va.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.bootstrap.security.FernetVectors.OwnCase;
import dev.va.bootstrap.security.FernetVectors.OwnFile;
import dev.va.domain.shared.EncryptedSecret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokens made by Python's cryptography (see test resource fernet/make_vectors.py), committed so they always run. */
class FernetInteropVectorsTest {

  @Test
  void reproducesEveryPythonToken() throws Exception {
    OwnFile file = FernetVectors.own();
    assertThat(file.vectors()).hasSizeGreaterThanOrEqualTo(7);
    for (OwnCase c : file.vectors()) {
      String token = new Fernet(FernetKey.parse(c.secret()))
          .encrypt(c.src().getBytes(StandardCharsets.UTF_8), Instant.ofEpochSecond(c.timestamp()),
              FernetVectors.bytes(c.iv()));
      assertThat(token).as(c.src()).isEqualTo(c.token());
    }
  }

  @Test
  void readsEveryPythonToken() throws Exception {
    for (OwnCase c : FernetVectors.own().vectors()) {
      FernetTokenCipher cipher =
          new FernetTokenCipher(List.of(FernetKey.parse(c.secret())), Clock.systemUTC(), new SecureRandom());
      assertThat(cipher.decrypt(new EncryptedSecret(c.token()))).isEqualTo(c.src());
      assertThat(cipher.isCurrent(new EncryptedSecret(c.token()))).isTrue();
    }
  }
}
