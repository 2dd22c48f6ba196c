package dev.va.application.fake;

import dev.va.application.port.out.SecureTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** Random tokens made of two UUIDs (recognisable in test output), stored as their SHA-256 in hex. */
public final class InMemorySecureTokens implements SecureTokens {
  @Override
  public String newToken() {
    return "tok-" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
  }

  @Override
  public String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
