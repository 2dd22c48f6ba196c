package dev.va.application.fake;

import dev.va.application.port.out.TokenCipher;
import dev.va.domain.shared.EncryptedSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fake, NOT encryption: the text is only base64-encoded, tagged with the id of the key that "encrypted" it and a
 * checksum so that tampering and foreign keys are detected like a real cipher would. Keys are plain ids.
 */
public final class InMemoryTokenCipher implements TokenCipher {
  private static final Pattern TOKEN = Pattern.compile("fake\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]*)\\.([0-9a-f]{16})");

  private final List<String> keyIds;

  /** Encrypts with the first key id, decrypts with any. */
  public InMemoryTokenCipher(List<String> keyIds) {
    if (keyIds.isEmpty()) throw new IllegalArgumentException("at least one key id is required");
    for (String id : keyIds) {
      if (!id.matches("[A-Za-z0-9_-]+")) throw new IllegalArgumentException("bad key id: " + id);
    }
    this.keyIds = List.copyOf(keyIds);
  }

  @Override
  public EncryptedSecret encrypt(String plaintext) {
    String keyId = keyIds.get(0);
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8));
    return new EncryptedSecret("fake." + keyId + "." + payload + "." + checksum(keyId, payload));
  }

  @Override
  public String decrypt(EncryptedSecret secret) {
    Matcher token = TOKEN.matcher(secret.token());
    if (!token.matches()) throw new IllegalArgumentException("malformed token");
    if (!keyIds.contains(token.group(1))) throw new IllegalArgumentException("no configured key matches the token");
    if (!checksum(token.group(1), token.group(2)).equals(token.group(3))) {
      throw new IllegalArgumentException("token checksum mismatch");
    }
    try {
      return new String(Base64.getUrlDecoder().decode(token.group(2)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed token payload", e);
    }
  }

  @Override
  public boolean isCurrent(EncryptedSecret secret) {
    try {
      decrypt(secret);
    } catch (IllegalArgumentException e) {
      return false;
    }
    Matcher token = TOKEN.matcher(secret.token());
    return token.matches() && token.group(1).equals(keyIds.get(0));
  }

  private static String checksum(String keyId, String payload) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((keyId + "." + payload).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
