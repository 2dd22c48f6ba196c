package dev.va.application.fake;

import dev.va.application.port.out.FileStorage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Files in memory. The stream is read whole before the file is swapped in, so a failed upload changes nothing. */
public final class InMemoryFileStorage implements FileStorage {
  private final Map<String, byte[]> files = new TreeMap<>();

  @Override
  public StoredFile put(String key, InputStream content, long maxBytes) throws IOException {
    FileStorage.requireValidKey(key);
    if (maxBytes < 0) throw new IllegalArgumentException("maxBytes must not be negative");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    for (int n; (n = content.read(chunk)) >= 0; ) {
      if (buffer.size() + (long) n > maxBytes) throw new FileTooLargeException(maxBytes);
      buffer.write(chunk, 0, n);
    }
    byte[] bytes = buffer.toByteArray();
    synchronized (this) {
      files.put(key, bytes);
    }
    return new StoredFile(key, bytes.length, sha256(bytes));
  }

  @Override
  public synchronized Optional<InputStream> open(String key) {
    FileStorage.requireValidKey(key);
    return Optional.ofNullable(files.get(key)).map(ByteArrayInputStream::new);
  }

  @Override
  public synchronized boolean delete(String key) {
    FileStorage.requireValidKey(key);
    return files.remove(key) != null;
  }

  @Override
  public synchronized int deleteByPrefix(String prefix) {
    FileStorage.requireValidPrefix(prefix);
    int before = files.size();
    files.keySet().removeIf(key -> key.startsWith(prefix));
    return before - files.size();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
