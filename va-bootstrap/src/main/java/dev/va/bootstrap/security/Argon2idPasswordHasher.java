package dev.va.bootstrap.security;

import dev.va.application.port.out.PasswordHasher;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) through BouncyCastle. Hashes are PHC strings,
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} (standard base64 without padding), the format of
 * the reference implementation, libsodium, argon2-cffi and PHP, so hashes can move between them.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=([0-9]{1,8}),t=([0-9]{1,3}),p=([0-9]{1,3})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final int SALT_LENGTH = 16;
  private static final int HASH_LENGTH = 32;
  // the reference implementation's lower bounds
  private static final int MIN_SALT_LENGTH = 8;
  private static final int MIN_HASH_LENGTH = 4;
  private static final int MAX_ENCODED_LENGTH = 64;

  private final Argon2idParameters parameters;
  private final SecureRandom random;

  public Argon2idPasswordHasher(Argon2idParameters parameters, SecureRandom random) {
    this.parameters = parameters;
    this.random = random;
  }

  @Override
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    return encode(password, salt);
  }

  /** The PHC string for a given salt; {@link #hash} draws the salt at random. */
  String encode(char[] password, byte[] salt) {
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    byte[] hash = derive(password, salt, parameters, HASH_LENGTH);
    return "$argon2id$v=19$m=" + parameters.memoryKiB() + ",t=" + parameters.iterations() + ",p="
        + parameters.parallelism() + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  @Override
  public boolean verify(char[] password, String encodedHash) {
    Optional<Decoded> decoded = decode(encodedHash);
    if (decoded.isEmpty()) return false;
    Decoded stored = decoded.get();
    byte[] actual = derive(password, stored.salt(), stored.parameters(), stored.hash().length);
    return MessageDigest.isEqual(stored.hash(), actual);
  }

  @Override
  public boolean needsRehash(String encodedHash) {
    return decode(encodedHash)
        .map(stored -> stored.parameters().weakerThan(parameters)
            || stored.salt().length < SALT_LENGTH
            || stored.hash().length < HASH_LENGTH)
        .orElse(true);
  }

  private static byte[] derive(char[] password, byte[] salt, Argon2idParameters cost, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(cost.memoryKiB())
        .withIterations(cost.iterations())
        .withParallelism(cost.parallelism())
        .withSalt(salt)
        .build());
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] passwordBytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
    try {
      byte[] out = new byte[length];
      generator.generateBytes(passwordBytes, out);
      return out;
    } finally {
      Arrays.fill(passwordBytes, (byte) 0);
      Arrays.fill(encoded.array(), (byte) 0);
    }
  }

  /** Empty for anything that is not a well-formed Argon2id v19 PHC string within the allowed costs. */
  private static Optional<Decoded> decode(String encodedHash) {
    if (encodedHash == null) return Optional.empty();
    Matcher m = PHC.matcher(encodedHash);
    if (!m.matches()) return Optional.empty();
    try {
      Argon2idParameters cost = new Argon2idParameters(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      byte[] salt = Base64.getDecoder().decode(m.group(4));
      byte[] hash = Base64.getDecoder().decode(m.group(5));
      if (salt.length < MIN_SALT_LENGTH || salt.length > MAX_ENCODED_LENGTH
          || hash.length < MIN_HASH_LENGTH || hash.length > MAX_ENCODED_LENGTH) {
        return Optional.empty();
      }
      return Optional.of(new Decoded(cost, salt, hash));
    } catch (IllegalArgumentException outOfRangeOrBadBase64) {
      return Optional.empty();
    }
  }

  private record Decoded(Argon2idParameters parameters, byte[] salt, byte[] hash) {}
}
