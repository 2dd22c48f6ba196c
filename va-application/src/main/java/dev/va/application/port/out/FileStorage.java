package dev.va.application.port.out;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Stores uploaded files by key (keys are chosen by va, e.g. {@code users/<id>/uploads/<uuid>}). A key is 1 to
 * {@value #MAX_KEY_LENGTH} characters of {@code [A-Za-z0-9._/-]}, relative, made of non-empty segments separated by
 * {@code /}, and never contains {@code ..} or a {@code .} segment; every method refuses any other key with an
 * {@link IllegalArgumentException}, so no key can reach outside the store.
 */
public interface FileStorage {
  int MAX_KEY_LENGTH = 512;

  /** Size and SHA-256 (lower-case hex) of a stored file. */
  record StoredFile(String key, long size, String sha256) {}

  /**
   * Stores the stream under {@code key}, replacing any file there. Readers see the old file or the new one, never a
   * part of it.
   *
   * @throws FileTooLargeException when the stream is longer than {@code maxBytes}; nothing is kept then and a file
   *     already under {@code key} stays as it was (likewise when reading the stream fails)
   * @throws IllegalArgumentException for an invalid key or a negative {@code maxBytes}
   */
  StoredFile put(String key, InputStream content, long maxBytes) throws IOException;

  /** The content under {@code key}, for the caller to close; empty when there is none. */
  Optional<InputStream> open(String key) throws IOException;

  /** False when there was no file under {@code key}. */
  boolean delete(String key) throws IOException;

  /**
   * Deletes every file whose key starts with {@code prefix}; returns how many. The prefix follows the rules of a key,
   * except that it may end with {@code /}.
   */
  int deleteByPrefix(String prefix) throws IOException;

  /** The upload was longer than allowed. */
  class FileTooLargeException extends IOException {
    public FileTooLargeException(long maxBytes) {
      super("file is larger than " + maxBytes + " bytes");
    }
  }

  /** Returns {@code key} when it is a valid key, as described on {@link FileStorage}. */
  static String requireValidKey(String key) {
    if (!validKey(key)) throw new IllegalArgumentException("invalid file key: " + shown(key));
    return key;
  }

  /** Returns {@code prefix} when it is a valid key, or a valid key followed by {@code /}. */
  static String requireValidPrefix(String prefix) {
    String key = prefix != null && prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    if (!validKey(key)) throw new IllegalArgumentException("invalid file key prefix: " + shown(prefix));
    return prefix;
  }

  private static boolean validKey(String key) {
    return key != null && key.length() <= MAX_KEY_LENGTH && key.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*")
        && !key.contains("..") && !key.equals(".") && !key.startsWith("./") && !key.endsWith("/.")
        && !key.contains("/./");
  }

  /** The value for an error message: bounded and printable, whatever the caller passed. */
  private static String shown(String key) {
    if (key == null) return "null";
    String cut = key.length() > 80 ? key.substring(0, 80) + "..." : key;
    return "\"" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
  }
}
