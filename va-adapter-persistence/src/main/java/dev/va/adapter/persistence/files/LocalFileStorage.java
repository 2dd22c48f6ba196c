package dev.va.adapter.persistence.files;

import dev.va.application.port.out.FileStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Files on the local disk: the key is the path under {@code root}. An upload is written to a temporary file next to
 * its target, flushed to disk, then renamed over the target in one atomic step, so a reader never sees a partial
 * file and a failed upload leaves nothing behind. Temporary files start with {@code ~}, a character no key may hold,
 * so they can never be mistaken for stored files.
 *
 * <p>Limits of the file system apply on top of the key rules: a segment longer than the file system allows (255
 * bytes on most) fails with an {@link IOException}, and a key cannot name a file where another key needs a folder
 * ({@code a} and {@code a/b}).
 */
public final class LocalFileStorage implements FileStorage {
  private static final String TEMP_PREFIX = "~";
  private static final int BUFFER = 64 * 1024;

  private final Path root;

  /** Creates {@code root} when it does not exist yet. */
  public LocalFileStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the file storage folder " + this.root, e);
    }
  }

  @Override
  public StoredFile put(String key, InputStream content, long maxBytes) throws IOException {
    Path target = resolve(FileStorage.requireValidKey(key));
    if (maxBytes < 0) throw new IllegalArgumentException("maxBytes must not be negative");
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), TEMP_PREFIX, ".part");
    try {
      StoredFile stored = write(key, content, maxBytes, temp);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return stored;
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  @Override
  public Optional<InputStream> open(String key) throws IOException {
    Path file = resolve(FileStorage.requireValidKey(key));
    if (!Files.isRegularFile(file)) return Optional.empty();
    try {
      return Optional.of(Files.newInputStream(file));
    } catch (NoSuchFileException deletedMeanwhile) {
      return Optional.empty();
    }
  }

  @Override
  public boolean delete(String key) throws IOException {
    Path file = resolve(FileStorage.requireValidKey(key));
    return Files.isRegularFile(file) && Files.deleteIfExists(file);
  }

  @Override
  public int deleteByPrefix(String prefix) throws IOException {
    FileStorage.requireValidPrefix(prefix);
    // only the folder that holds every match is walked: the prefix up to its last '/'
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : resolve(prefix.substring(0, slash));
    if (!Files.isDirectory(start)) return 0;
    int[] deleted = {0};
    Files.walkFileTree(start, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        String key = keyOf(file);
        if (attributes.isRegularFile() && key.startsWith(prefix) && Files.deleteIfExists(file)
            && !file.getFileName().toString().startsWith(TEMP_PREFIX)) {
          deleted[0]++;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
        if (failure instanceof NoSuchFileException) return FileVisitResult.CONTINUE; // deleted meanwhile
        throw failure;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
        if (failure != null && !(failure instanceof NoSuchFileException)) throw failure;
        // folders wholly inside the prefix go too, once empty, so deleted users leave no trace
        if (!dir.equals(root) && (keyOf(dir) + "/").startsWith(prefix)) {
          try {
            Files.deleteIfExists(dir);
          } catch (DirectoryNotEmptyException stillInUse) {
            // a concurrent upload: its file stays, and so does its folder
          }
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return deleted[0];
  }

  /** Streams into {@code temp}, counting and hashing as it goes, and stops as soon as the limit is passed. */
  private static StoredFile write(String key, InputStream content, long maxBytes, Path temp) throws IOException {
    MessageDigest sha256 = sha256();
    long size = 0;
    byte[] buffer = new byte[BUFFER];
    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (int n; (n = content.read(buffer)) >= 0; ) {
        size += n;
        if (size > maxBytes) throw new FileTooLargeException(maxBytes);
        sha256.update(buffer, 0, n);
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) out.write(chunk);
      }
      // on disk before the rename makes it visible, so a crash cannot leave a truncated file under the key
      out.force(true);
    }
    return new StoredFile(key, size, HexFormat.of().formatHex(sha256.digest()));
  }

  private Path resolve(String validKey) {
    Path path = root.resolve(validKey).normalize();
    // the key rules already rule this out; checked again because escaping the root must be impossible
    if (!path.startsWith(root) || path.equals(root)) {
      throw new IllegalArgumentException("file key leaves the storage folder");
    }
    return path;
  }

  private String keyOf(Path path) {
    return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable in this JVM", e);
    }
  }
}
