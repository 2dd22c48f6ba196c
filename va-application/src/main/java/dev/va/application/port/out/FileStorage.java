package dev.va.application.port.out;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Stores uploaded files by key (keys are chosen by va, e.g. {@code users/<id>/uploads/<uuid>}). */
public interface FileStorage {
  /** Size and SHA-256 of a stored file. */
  record StoredFile(String key, long size, String sha256) {}

  /**
   * Stores the stream under {@code key}, replacing any file there.
   *
   * @throws FileTooLargeException when the stream is longer than {@code maxBytes}; nothing is kept then
   */
  StoredFile put(String key, InputStream content, long maxBytes) throws IOException;

  Optional<InputStream> open(String key) throws IOException;

  boolean delete(String key) throws IOException;

  /** Deletes every file whose key starts with {@code prefix}; returns how many. */
  int deleteByPrefix(String prefix) throws IOException;

  /** The upload was longer than allowed. */
  class FileTooLargeException extends IOException {
    public FileTooLargeException(long maxBytes) {
      super("file is larger than " + maxBytes + " bytes");
    }
  }
}
