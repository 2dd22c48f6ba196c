package dev.va.bootstrap.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys for separate purposes derived from one secret, so that a value made with one (an OAuth state's MAC) can never
 * pass for another (a JWT signature): HKDF-Expand of RFC 5869 with HMAC-SHA256, the secret as the pseudorandom key
 * and a label naming the purpose as the info, one block long.
 */
public final class KeyDerivation {
  /** Length of a derived key: one HMAC-SHA256 block. */
  public static final int KEY_BYTES = 32;

  private KeyDerivation() {}

  /** The key for the purpose {@code label}. */
  public static byte[] derive(byte[] secret, String label) {
    return expand(secret, label.getBytes(StandardCharsets.UTF_8));
  }

  /** T(1) = HMAC-SHA256(prk, info || 0x01): the first {@link #KEY_BYTES} bytes of HKDF-Expand. */
  static byte[] expand(byte[] prk, byte[] info) {
    if (prk.length < KEY_BYTES) throw new IllegalArgumentException("the secret needs at least 32 bytes");
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      mac.update(info);
      mac.update((byte) 1);
      return mac.doFinal();
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
