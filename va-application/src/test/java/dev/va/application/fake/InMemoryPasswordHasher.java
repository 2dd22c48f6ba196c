package dev.va.application.fake;

import dev.va.application.port.out.PasswordHasher;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fast test stand-in for the Argon2id hasher: salted, iterated SHA-256, so still one-way and salted, but far too cheap
 * to resist guessing. Format {@code $fake-sha256$i=<iterations>$<salt>$<hash>}.
 */
public final class InMemoryPasswordHasher implements PasswordHasher {
  private static final Pattern ENCODED =
      Pattern.compile("\\$fake-sha256\\$i=([1-9][0-9]{0,5})\\$([A-Za-z0-9+/]{22})\\$([A-Za-z0-9+/]{43})");

  private final int iterations;
  private final SecureRandom random = new SecureRandom();

  public InMemoryPasswordHasher(int iterations) {
    if (iterations < 1 || iterations > 999_999) throw new IllegalArgumentException("iterations out of range");
    this.iterations = iterations;
  }

  @Override
  public String hash(char[] password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$fake-sha256$i=" + iterations + "$" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(digest(password, salt, iterations));
  }

  @Override
  public boolean verify(char[] password, String encodedHash) {
    Matcher m = ENCODED.matcher(encodedHash);
    if (!m.matches()) return false;
    byte[] expected = Base64.getDecoder().decode(m.group(3));
    byte[] actual = digest(password, Base64.getDecoder().decode(m.group(2)), Integer.parseInt(m.group(1)));
    return MessageDigest.isEqual(expected, actual);
  }

  @Override
  public boolean needsRehash(String encodedHash) {
    Matcher m = ENCODED.matcher(encodedHash);
    return !m.matches() || Integer.parseInt(m.group(1)) < iterations;
  }

  private static byte[] digest(char[] password, byte[] salt, int rounds) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      byte[] result = sha.digest(bytes);
      for (int i = 1; i < rounds; i++) {
        sha.update(salt);
        result = sha.digest(result);
      }
      return result;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
      Arrays.fill(encoded.array(), (byte) 0);
    }
  }
}
