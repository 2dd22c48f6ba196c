package dev.va.bootstrap.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A Fernet key: 32 bytes, the first 16 sign (HMAC-SHA256), the last 16 encrypt (AES-128). Written as url-safe base64,
 * the form Python's {@code Fernet.generate_key()} produces.
 */
public final class FernetKey {
  private static final int LENGTH = 32;

  private final byte[] bytes;

  private FernetKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Parses the url-safe base64 form (padding optional). */
  public static FernetKey parse(String base64) {
    if (base64 == null || base64.isBlank()) throw new IllegalArgumentException("Fernet key is empty");
    byte[] decoded;
    try {
      decoded = Base64.getUrlDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Fernet key is not url-safe base64 (alphabet A-Z a-z 0-9 - _)");
    }
    if (decoded.length != LENGTH) {
      throw new IllegalArgumentException(
          "Fernet key must decode to 32 bytes, got " + decoded.length + " (generate one with `va` or Python's "
              + "cryptography.fernet.Fernet.generate_key())");
    }
    return new FernetKey(decoded);
  }

  /** Parses a comma-separated list of keys, newest first (the form of {@code ENCRYPTION_KEY} during a rotation). */
  public static List<FernetKey> parseList(String commaSeparated) {
    List<FernetKey> keys = new ArrayList<>();
    String[] parts = commaSeparated == null ? new String[0] : commaSeparated.split(",");
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isBlank()) continue;
      try {
        keys.add(parse(parts[i]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("key " + (i + 1) + " of the list: " + e.getMessage(), e);
      }
    }
    if (keys.isEmpty()) throw new IllegalArgumentException("no Fernet key given");
    return List.copyOf(keys);
  }

  public static FernetKey generate(SecureRandom random) {
    byte[] bytes = new byte[LENGTH];
    random.nextBytes(bytes);
    return new FernetKey(bytes);
  }

  /** The url-safe base64 form, with padding, as Python writes it. */
  public String encoded() {
    return Base64.getUrlEncoder().encodeToString(bytes);
  }

  byte[] signingKey() {
    return Arrays.copyOfRange(bytes, 0, 16);
  }

  byte[] encryptionKey() {
    return Arrays.copyOfRange(bytes, 16, 32);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FernetKey key && Arrays.equals(bytes, key.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "FernetKey[***]";
  }
}
