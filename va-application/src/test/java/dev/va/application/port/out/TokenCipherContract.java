package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.domain.shared.EncryptedSecret;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link TokenCipher} must have. {@code K} is the implementation's key type.
 */
public interface TokenCipherContract<K> {

  /** A key different from every key returned before. */
  K newKey();

  /** A cipher that encrypts with the first key and decrypts with any of them. */
  TokenCipher cipher(List<K> keys);

  @Test
  default void roundTripsText() {
    TokenCipher cipher = cipher(List.of(newKey()));
    EncryptedSecret secret = cipher.encrypt("imap-password-123");
    assertThat(cipher.decrypt(secret)).isEqualTo("imap-password-123");
  }

  @Test
  default void roundTripsUnicodeEmptyAndLongText() {
    TokenCipher cipher = cipher(List.of(newKey()));
    for (String text : List.of("", "pässwörd ключ 鍵 🔑", "x".repeat(10_000))) {
      assertThat(cipher.decrypt(cipher.encrypt(text))).isEqualTo(text);
    }
  }

  @Test
  default void tokenDoesNotShowThePlaintext() {
    TokenCipher cipher = cipher(List.of(newKey()));
    assertThat(cipher.encrypt("correct horse battery staple").token()).doesNotContain("horse");
  }

  @Test
  default void tamperedTokenIsRejected() {
    TokenCipher cipher = cipher(List.of(newKey()));
    String token = cipher.encrypt("refresh-token-value").token();
    int middle = token.length() / 2;
    char replacement = token.charAt(middle) == 'A' ? 'B' : 'A';
    String tampered = token.substring(0, middle) + replacement + token.substring(middle + 1);

    assertThatThrownBy(() -> cipher.decrypt(new EncryptedSecret(tampered)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  default void garbageIsRejected() {
    TokenCipher cipher = cipher(List.of(newKey()));
    for (String garbage : List.of("x", "not a token at all", "gAAAAA==", "%%%%")) {
      assertThatThrownBy(() -> cipher.decrypt(new EncryptedSecret(garbage)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(cipher.isCurrent(new EncryptedSecret(garbage))).isFalse();
    }
  }

  @Test
  default void tokenOfAnotherKeyIsRejected() {
    EncryptedSecret secret = cipher(List.of(newKey())).encrypt("secret");
    TokenCipher other = cipher(List.of(newKey()));

    assertThatThrownBy(() -> other.decrypt(secret)).isInstanceOf(IllegalArgumentException.class);
    assertThat(other.isCurrent(secret)).isFalse();
  }

  @Test
  default void rotatedCipherReadsOldTokensAndTellsThemApart() {
    K oldKey = newKey();
    K newKey = newKey();
    EncryptedSecret oldSecret = cipher(List.of(oldKey)).encrypt("written before rotation");
    TokenCipher rotated = cipher(List.of(newKey, oldKey));

    assertThat(rotated.decrypt(oldSecret)).isEqualTo("written before rotation");
    assertThat(rotated.isCurrent(oldSecret)).isFalse();

    EncryptedSecret reEncrypted = rotated.encrypt(rotated.decrypt(oldSecret));
    assertThat(rotated.isCurrent(reEncrypted)).isTrue();
    assertThat(rotated.decrypt(reEncrypted)).isEqualTo("written before rotation");
    // the old key alone can no longer read what the rotated cipher wrote
    assertThatThrownBy(() -> cipher(List.of(oldKey)).decrypt(reEncrypted))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
