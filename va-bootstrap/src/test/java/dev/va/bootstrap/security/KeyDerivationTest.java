package dev.va.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyDerivationTest {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 5869 appendix A.1: the first 32 bytes of the OKM are T(1) of HKDF-Expand from the PRK. */
  @Test
  void expand_matches_the_first_block_of_rfc_5869_test_case_1() {
    byte[] prk = HEX.parseHex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");

    assertThat(HEX.formatHex(KeyDerivation.expand(prk, info)))
        .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
  }

  @Test
  void each_label_gets_its_own_key_and_none_is_the_secret() {
    byte[] secret = "a-secret-key-of-at-least-32-characters".getBytes(StandardCharsets.UTF_8);

    byte[] state = KeyDerivation.derive(secret, "va oauth state");

    assertThat(state).hasSize(KeyDerivation.KEY_BYTES)
        .isEqualTo(KeyDerivation.derive(secret, "va oauth state"))
        .isNotEqualTo(KeyDerivation.derive(secret, "va something else"));
    assertThat(HEX.formatHex(state)).doesNotContain(HEX.formatHex(secret, 0, 8));
    assertThatThrownBy(() -> KeyDerivation.derive(new byte[31], "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
