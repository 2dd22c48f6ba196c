package dev.va.bootstrap.security;

import dev.va.application.port.out.SecureTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * {@link SecureTokens} from the JDK: 32 random bytes as url-safe base64 (43 characters), stored as their SHA-256 in
 * hex. A plain hash suffices: the tokens carry 256 bits of entropy, so there is nothing to guess, unlike passwords.
 */
public final class RandomSecureTokens implements SecureTokens {
  private static final int TOKEN_BYTES = 32;

  private final SecureRandom random;

  public RandomSecureTokens(SecureRandom random) {
    this.random = random;
  }

  @Override
  public String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable in this JVM", e);
    }
  }
}
