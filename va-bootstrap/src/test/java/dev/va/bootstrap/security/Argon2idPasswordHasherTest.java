package dev.va.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.port.out.PasswordHasher;
import dev.va.application.port.out.PasswordHasherContract;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class Argon2idPasswordHasherTest implements PasswordHasherContract {
  /*
   * Argon2id vectors of the reference implementation, github.com/P-H-C/phc-winner-argon2 src/test.c (Argon2id
   * section; also used by libsodium, RustCrypto's argon2 and argon2-cffi): password "password", salt "somesalt".
   */
  private static final String REFERENCE_P1 =
      "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
  private static final String REFERENCE_P2 =
      "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc";

  private final SecureRandom random = new SecureRandom();

  // small costs keep the contract fast; the OWASP defaults get their own test below
  @Override
  public PasswordHasher hasher() {
    return new Argon2idPasswordHasher(new Argon2idParameters(1024, 2, 2), random);
  }

  @Override
  public PasswordHasher weakerHasher() {
    return new Argon2idPasswordHasher(new Argon2idParameters(512, 1, 1), random);
  }

  @Test
  void reproducesTheReferenceImplementationsEncoding() {
    Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(new Argon2idParameters(256, 2, 1), random);
    assertThat(hasher.encode("password".toCharArray(), "somesalt".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(REFERENCE_P1);
  }

  @Test
  void verifiesReferenceHashesAndAsksToUpgradeTheirWeakParameters() {
    PasswordHasher hasher = hasher();
    assertThat(hasher.verify("password".toCharArray(), REFERENCE_P1)).isTrue();
    assertThat(hasher.verify("password".toCharArray(), REFERENCE_P2)).isTrue();
    assertThat(hasher.verify("passwore".toCharArray(), REFERENCE_P1)).isFalse();
    assertThat(hasher.needsRehash(REFERENCE_P1)).isTrue();
  }

  @Test
  void defaultsAreOwaspsAndProduceAStandardPhcString() {
    Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(Argon2idParameters.OWASP, random);
    String hash = hasher.hash("correct horse battery staple".toCharArray());

    assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    String[] parts = hash.split("\\$");
    assertThat(Base64.getDecoder().decode(parts[4])).hasSize(16);
    assertThat(Base64.getDecoder().decode(parts[5])).hasSize(32);
    assertThat(hasher.verify("correct horse battery staple".toCharArray(), hash)).isTrue();
    assertThat(hasher.needsRehash(hash)).isFalse();
  }

  @Test
  void otherVariantsAndVersionsAndExcessiveCostsAreMalformed() {
    PasswordHasher hasher = hasher();
    for (String hash : new String[] {
        REFERENCE_P1.replace("argon2id", "argon2i"),
        REFERENCE_P1.replace("v=19", "v=16"),
        REFERENCE_P1.replace("m=256", "m=99999999"),
        REFERENCE_P1.replace("m=256", "m=4"),
        REFERENCE_P1.replace("t=2", "t=0"),
        REFERENCE_P1.replace("c29tZXNhbHQ", "c29t"),
        null}) {
      assertThat(hasher.verify("password".toCharArray(), hash)).as(hash).isFalse();
      assertThat(hasher.needsRehash(hash)).as(hash).isTrue();
    }
  }

  @Test
  void parametersRejectNonsense() {
    assertThatThrownBy(() -> new Argon2idParameters(19_456, 0, 1)).hasMessageContaining("iterations");
    assertThatThrownBy(() -> new Argon2idParameters(19_456, 2, 0)).hasMessageContaining("parallelism");
    assertThatThrownBy(() -> new Argon2idParameters(8, 2, 4)).hasMessageContaining("memory");
  }
}
