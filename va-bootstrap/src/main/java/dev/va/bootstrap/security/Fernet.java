package dev.va.bootstrap.security;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fernet (version 0x80) with one key, as specified at https://github.com/fernet/spec: {@code base64url(0x80 ‖
 * timestamp ‖ IV ‖ AES-128-CBC/PKCS7 ciphertext ‖ HMAC-SHA256)}. Thread-safe.
 */
public final class Fernet {
  static final byte VERSION = (byte) 0x80;
  /** How far in the future a timestamp may lie when age is checked, as in the Python and Go implementations. */
  static final long MAX_CLOCK_SKEW_SECONDS = 60;

  private static final int TIMESTAMP_LENGTH = 8;
  private static final int IV_LENGTH = 16;
  private static final int BLOCK = 16;
  private static final int HMAC_LENGTH = 32;
  private static final int HEADER_LENGTH = 1 + TIMESTAMP_LENGTH + IV_LENGTH;

  private final SecretKeySpec signingKey;
  private final SecretKeySpec encryptionKey;

  public Fernet(FernetKey key) {
    this.signingKey = new SecretKeySpec(key.signingKey(), "HmacSHA256");
    this.encryptionKey = new SecretKeySpec(key.encryptionKey(), "AES");
  }

  /** Encrypts with a given time and IV; callers outside tests pass a fresh random IV for every token. */
  public String encrypt(byte[] plaintext, Instant at, byte[] iv) {
    if (iv.length != IV_LENGTH) throw new IllegalArgumentException("IV must be 16 bytes");
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding"); // PKCS5 padding on 16-byte blocks is PKCS7
      aes.init(Cipher.ENCRYPT_MODE, encryptionKey, new IvParameterSpec(iv));
      byte[] ciphertext = aes.doFinal(plaintext);
      ByteBuffer token = ByteBuffer.allocate(HEADER_LENGTH + ciphertext.length + HMAC_LENGTH);
      token.put(VERSION).putLong(at.getEpochSecond()).put(iv).put(ciphertext);
      token.put(hmac(token.array(), HEADER_LENGTH + ciphertext.length));
      return Base64.getUrlEncoder().encodeToString(token.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES or HmacSHA256 unavailable in this JVM", e);
    }
  }

  /** Decrypts a token no older than {@code ttl} and not more than 60 s in the future, both relative to {@code now}. */
  public byte[] decrypt(String token, Instant now, Duration ttl) {
    Token parsed = Token.parse(token);
    parsed.checkAge(now, ttl);
    if (!authenticates(parsed)) throw new IllegalArgumentException("invalid token: signature mismatch");
    return decryptAuthenticated(parsed);
  }

  /** Whether this key signed the token; the comparison takes the same time wherever the HMACs differ. */
  boolean authenticates(Token token) {
    try {
      return MessageDigest.isEqual(hmac(token.bytes, token.bytes.length - HMAC_LENGTH), token.hmac());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable in this JVM", e);
    }
  }

  /** Only for a token that {@link #authenticates}, so no padding oracle is reachable. */
  byte[] decryptAuthenticated(Token token) {
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
      aes.init(Cipher.DECRYPT_MODE, encryptionKey, new IvParameterSpec(token.bytes, 1 + TIMESTAMP_LENGTH, IV_LENGTH));
      return aes.doFinal(token.bytes, HEADER_LENGTH, token.bytes.length - HEADER_LENGTH - HMAC_LENGTH);
    } catch (BadPaddingException | IllegalBlockSizeException e) {
      throw new IllegalArgumentException("invalid token: cannot decrypt");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES unavailable in this JVM", e);
    }
  }

  private byte[] hmac(byte[] data, int length) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(signingKey);
    mac.update(data, 0, length);
    return mac.doFinal();
  }

  /** A decoded token whose layout (version, length, block alignment) has been checked, but not its signature. */
  static final class Token {
    private final byte[] bytes;

    private Token(byte[] bytes) {
      this.bytes = bytes;
    }

    static Token parse(String token) {
      if (token == null) throw new IllegalArgumentException("invalid token: missing");
      byte[] bytes;
      try {
        bytes = Base64.getUrlDecoder().decode(token);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid token: not url-safe base64");
      }
      if (bytes.length < HEADER_LENGTH + HMAC_LENGTH) throw new IllegalArgumentException("invalid token: too short");
      if (bytes[0] != VERSION) throw new IllegalArgumentException("invalid token: unknown version");
      int ciphertextLength = bytes.length - HEADER_LENGTH - HMAC_LENGTH;
      if (ciphertextLength % BLOCK != 0) {
        throw new IllegalArgumentException("invalid token: ciphertext is not a whole number of blocks");
      }
      // padding always adds at least one byte, so there is at least one block
      if (ciphertextLength == 0) throw new IllegalArgumentException("invalid token: too short");
      return new Token(bytes);
    }

    /** Seconds since the epoch, read as the spec's unsigned 64-bit value. */
    long timestamp() {
      return ByteBuffer.wrap(bytes, 1, TIMESTAMP_LENGTH).getLong();
    }

    void checkAge(Instant now, Duration ttl) {
      long timestamp = timestamp();
      long nowSeconds = now.getEpochSecond();
      // an unsigned value above Long.MAX_VALUE reads as negative: that is the far future too
      if (timestamp < 0 || timestamp > nowSeconds + MAX_CLOCK_SKEW_SECONDS) {
        throw new IllegalArgumentException("invalid token: timestamp too far in the future");
      }
      if (timestamp < nowSeconds - ttl.toSeconds()) throw new IllegalArgumentException("invalid token: expired");
    }

    private byte[] hmac() {
      return Arrays.copyOfRange(bytes, bytes.length - HMAC_LENGTH, bytes.length);
    }
  }
}
