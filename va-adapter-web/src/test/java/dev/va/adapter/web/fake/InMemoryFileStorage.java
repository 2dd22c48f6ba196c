package dev.va.adapter.web.fake;

import dev.va.application.port.out.FileStorage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Files in memory for the web tests (no shared fake of this port exists yet). */
public final class InMemoryFileStorage implements FileStorage {
  private final Map<String, byte[]> files = new ConcurrentSkipListMap<>();

  @Override
  public StoredFile put(String key, InputStream content, long maxBytes) throws IOException {
    byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (bytes.length > maxBytes) throw new FileTooLargeException(maxBytes);
    files.put(key, bytes);
    try {
      byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(bytes);
      return new StoredFile(key, bytes.length, HexFormat.of().formatHex(sha256));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Optional<InputStream> open(String key) {
    return Optional.ofNullable(files.get(key)).map(ByteArrayInputStream::new);
  }

  @Override
  public boolean delete(String key) {
    return files.remove(key) != null;
  }

  @Override
  public int deleteByPrefix(String prefix) {
    int before = files.size();
    files.keySet().removeIf(key -> key.startsWith(prefix));
    return before - files.size();
  }
}
