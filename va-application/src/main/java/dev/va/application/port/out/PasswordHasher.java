package dev.va.application.port.out;

/** One-way password hashing. The encoded hash carries its algorithm and parameters. */
public interface PasswordHasher {
  String hash(char[] password);

  /** Constant-time comparison; false for a malformed hash. */
  boolean verify(char[] password, String encodedHash);

  /** True when the hash was made with weaker parameters than the current ones. */
  boolean needsRehash(String encodedHash);
}
