package dev.va.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.TokenCipher;
import dev.va.application.port.out.TokenCipherContract;
import dev.va.domain.shared.EncryptedSecret;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class FernetTokenCipherTest implements TokenCipherContract<FernetKey> {
  private final SecureRandom random = new SecureRandom();

  @Override
  public FernetKey newKey() {
    return FernetKey.generate(random);
  }

  @Override
  public TokenCipher cipher(List<FernetKey> keys) {
    return new FernetTokenCipher(keys, Clock.systemUTC(), random);
  }

  @Test
  void tokenIsAFernetTokenStampedWithTheClock() {
    SettableClock clock = new SettableClock(Instant.parse("2025-01-02T03:04:05.999Z"));
    EncryptedSecret secret = new FernetTokenCipher(List.of(newKey()), clock, random).encrypt("x");

    byte[] raw = Base64.getUrlDecoder().decode(secret.token());
    assertThat(secret.token()).matches("gAAAAA[A-Za-z0-9_-]+=*");
    assertThat(raw[0]).isEqualTo((byte) 0x80);
    assertThat(Fernet.Token.parse(secret.token()).timestamp())
        .isEqualTo(Instant.parse("2025-01-02T03:04:05Z").getEpochSecond());
    assertThat(raw).hasSize(1 + 8 + 16 + 16 + 32);
  }

  @Test
  void sameTextEncryptsDifferentlyEachTime() {
    TokenCipher cipher = cipher(List.of(newKey()));
    assertThat(cipher.encrypt("same").token()).isNotEqualTo(cipher.encrypt("same").token());
  }

  @Test
  void maxAgeRejectsOldAndFutureTokens() {
    SettableClock clock = new SettableClock(Instant.parse("2025-01-01T00:00:00Z"));
    FernetTokenCipher cipher = new FernetTokenCipher(List.of(newKey()), clock, random);
    EncryptedSecret secret = cipher.encrypt("reset-link");

    clock.set(Instant.parse("2025-01-01T00:10:00Z"));
    assertThat(cipher.decrypt(secret, Duration.ofMinutes(10))).isEqualTo("reset-link");
    clock.set(Instant.parse("2025-01-01T00:10:01Z"));
    assertThatThrownBy(() -> cipher.decrypt(secret, Duration.ofMinutes(10))).hasMessageContaining("expired");
    assertThat(cipher.decrypt(secret)).as("without a max age the age does not matter").isEqualTo("reset-link");

    clock.set(Instant.parse("2024-12-31T23:59:00Z"));
    assertThat(cipher.decrypt(secret, Duration.ofMinutes(10))).as("60 s of clock skew are tolerated")
        .isEqualTo("reset-link");
    clock.set(Instant.parse("2024-12-31T23:58:59Z"));
    assertThatThrownBy(() -> cipher.decrypt(secret, Duration.ofMinutes(10))).hasMessageContaining("future");
  }

  @Test
  void wrongVersionAndTruncationAreRejectedWithAReason() {
    String token = cipher(List.of(newKey())).encrypt("x").token();
    byte[] raw = Base64.getUrlDecoder().decode(token);
    raw[0] = (byte) 0x81;
    TokenCipher cipher = cipher(List.of(newKey()));

    assertThatThrownBy(() -> cipher.decrypt(new EncryptedSecret(Base64.getUrlEncoder().encodeToString(raw))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    assertThatThrownBy(() -> cipher.decrypt(new EncryptedSecret(token.substring(0, 40))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too short");
  }

  @Test
  void keysParseFromTheirBase64FormAndRejectAnythingElseClearly() {
    FernetKey key = newKey();
    assertThat(FernetKey.parse(key.encoded())).isEqualTo(key);
    assertThat(FernetKey.parse(key.encoded().replace("=", ""))).as("padding optional").isEqualTo(key);
    assertThat(key.toString()).doesNotContain(key.encoded());
    assertThat(FernetKey.parseList(newKey().encoded() + ", " + key.encoded())).hasSize(2).endsWith(key);

    assertThatThrownBy(() -> FernetKey.parse("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> FernetKey.parse("not base64 !")).hasMessageContaining("base64");
    assertThatThrownBy(() -> FernetKey.parse(Base64.getUrlEncoder().encodeToString(new byte[16])))
        .hasMessageContaining("32 bytes, got 16");
    assertThatThrownBy(() -> FernetKey.parseList(key.encoded() + ",short")).hasMessageContaining("key 2");
    assertThatThrownBy(() -> new FernetTokenCipher(List.of(), Clock.systemUTC(), random))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void textThatIsNotUtf8IsRejected() {
    FernetKey key = newKey();
    String token = new Fernet(key).encrypt(new byte[] {(byte) 0xff, (byte) 0xfe}, Instant.EPOCH, new byte[16]);
    assertThatThrownBy(() -> cipher(List.of(key)).decrypt(new EncryptedSecret(token))).hasMessageContaining("UTF-8");
  }
}
