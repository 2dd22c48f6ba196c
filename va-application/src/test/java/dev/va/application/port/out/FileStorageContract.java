package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.port.out.FileStorage.FileTooLargeException;
import dev.va.application.port.out.FileStorage.StoredFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link FileStorage} shares. */
public interface FileStorageContract {
  String SHA256_OF_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  String SHA256_OF_NOTHING = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /** An empty store. */
  FileStorage storage();

  private static InputStream text(String value) {
    return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
  }

  private static String read(FileStorage storage, String key) throws IOException {
    try (InputStream in = storage.open(key).orElseThrow(() -> new AssertionError("nothing under " + key))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hands out {@code bytes} a few at a time, as a network stream does. */
  private static InputStream trickle(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1000));
      }
    };
  }

  /** Yields {@code prefix}, then fails, as a dropped upload does. */
  private static InputStream failingAfter(String prefix) {
    InputStream first = text(prefix);
    return new InputStream() {
      @Override
      public int read() throws IOException {
        int next = first.read();
        if (next < 0) throw new IOException("connection reset");
        return next;
      }
    };
  }

  @Test
  default void storesAFileAndReadsItBack() throws IOException {
    FileStorage storage = storage();

    StoredFile stored = storage.put("users/u1/uploads/report.csv", text("abc"), 100);

    assertThat(stored).isEqualTo(new StoredFile("users/u1/uploads/report.csv", 3, SHA256_OF_ABC));
    assertThat(read(storage, "users/u1/uploads/report.csv")).isEqualTo("abc");
  }

  @Test
  default void storesAnEmptyFile() throws IOException {
    FileStorage storage = storage();

    assertThat(storage.put("empty", text(""), 0)).isEqualTo(new StoredFile("empty", 0, SHA256_OF_NOTHING));
    assertThat(read(storage, "empty")).isEmpty();
  }

  @Test
  default void storesALargeStreamWhole() throws IOException {
    FileStorage storage = storage();
    byte[] content = randomBytes(3 * 1024 * 1024 + 17, 42);

    StoredFile stored = storage.put("big/file.bin", trickle(content), content.length);

    assertThat(stored.size()).isEqualTo(content.length);
    assertThat(stored.sha256()).isEqualTo(sha256(content));
    try (InputStream in = storage.open("big/file.bin").orElseThrow()) {
      assertThat(Arrays.equals(in.readAllBytes(), content)).isTrue();
    }
  }

  @Test
  default void replacesTheFileUnderAKey() throws IOException {
    FileStorage storage = storage();
    storage.put("a/b.txt", text("first version"), 100);

    StoredFile second = storage.put("a/b.txt", text("abc"), 100);

    assertThat(second.sha256()).isEqualTo(SHA256_OF_ABC);
    assertThat(read(storage, "a/b.txt")).isEqualTo("abc");
  }

  @Test
  default void acceptsAFileOfExactlyTheLimit() throws IOException {
    FileStorage storage = storage();

    assertThat(storage.put("limit", text("abc"), 3).size()).isEqualTo(3);
  }

  @Test
  default void refusesANegativeLimit() {
    assertThatThrownBy(() -> storage().put("empty", text(""), -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  default void refusesAFileOverTheLimitAndKeepsNothing() throws IOException {
    FileStorage storage = storage();

    assertThatThrownBy(() -> storage.put("users/u1/too-big", trickle(randomBytes(5000, 1)), 4999))
        .isInstanceOf(FileTooLargeException.class);

    assertThat(storage.open("users/u1/too-big")).isEmpty();
    assertThat(storage.deleteByPrefix("users/")).isZero();
  }

  @Test
  default void keepsThePreviousFileWhenTheNewOneIsTooLarge() throws IOException {
    FileStorage storage = storage();
    storage.put("kept", text("abc"), 10);

    assertThatThrownBy(() -> storage.put("kept", text("far too long"), 10)).isInstanceOf(FileTooLargeException.class);

    assertThat(read(storage, "kept")).isEqualTo("abc");
  }

  @Test
  default void keepsThePreviousFileWhenTheStreamFails() throws IOException {
    FileStorage storage = storage();
    storage.put("kept", text("abc"), 100);

    assertThatThrownBy(() -> storage.put("kept", failingAfter("partial"), 100))
        .isInstanceOf(IOException.class).hasMessage("connection reset");
    assertThatThrownBy(() -> storage.put("never", failingAfter("partial"), 100)).isInstanceOf(IOException.class);

    assertThat(read(storage, "kept")).isEqualTo("abc");
    assertThat(storage.open("never")).isEmpty();
  }

  @Test
  default void aReaderKeepsTheVersionItOpened() throws IOException {
    FileStorage storage = storage();
    storage.put("doc", text("old content"), 100);

    try (InputStream old = storage.open("doc").orElseThrow()) {
      storage.put("doc", text("new content"), 100);
      assertThat(new String(old.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("old content");
    }
    assertThat(read(storage, "doc")).isEqualTo("new content");
  }

  @Test
  default void concurrentWritersLeaveOneWholeVersion() throws Exception {
    FileStorage storage = storage();
    List<byte[]> versions = List.of(randomBytes(256 * 1024, 1), randomBytes(256 * 1024, 2),
        randomBytes(256 * 1024, 3));
    ExecutorService pool = Executors.newFixedThreadPool(versions.size());
    try {
      List<Future<StoredFile>> writes = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (byte[] version : versions) {
          writes.add(pool.submit(() -> storage.put("shared/file", trickle(version), version.length)));
        }
      }
      for (Future<StoredFile> write : writes) write.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    try (InputStream in = storage.open("shared/file").orElseThrow()) {
      assertThat(sha256(in.readAllBytes())).isIn(versions.stream().map(FileStorageContract::sha256).toList());
    }
  }

  @Test
  default void opensNothingForAnUnknownKey() throws IOException {
    FileStorage storage = storage();
    storage.put("a/b", text("abc"), 10);

    assertThat(storage.open("a/c")).isEmpty();
    assertThat(storage.open("a")).isEmpty();
  }

  @Test
  default void deletesAFileOnce() throws IOException {
    FileStorage storage = storage();
    storage.put("a/b", text("abc"), 10);
    storage.put("a/c", text("abc"), 10);

    assertThat(storage.delete("a/b")).isTrue();
    assertThat(storage.delete("a/b")).isFalse();
    assertThat(storage.delete("a")).isFalse();

    assertThat(storage.open("a/b")).isEmpty();
    assertThat(read(storage, "a/c")).isEqualTo("abc");
  }

  @Test
  default void deletesEveryFileUnderAFolderPrefixOnly() throws IOException {
    FileStorage storage = storage();
    for (String key : List.of("users/a/1", "users/a/x/y/2", "users/ab/3", "users/b/4", "users/a.txt")) {
      storage.put(key, text(key), 100);
    }

    assertThat(storage.deleteByPrefix("users/a/")).isEqualTo(2);

    assertThat(storage.open("users/a/1")).isEmpty();
    assertThat(storage.open("users/a/x/y/2")).isEmpty();
    assertThat(read(storage, "users/ab/3")).isEqualTo("users/ab/3");
    assertThat(read(storage, "users/b/4")).isEqualTo("users/b/4");
    assertThat(read(storage, "users/a.txt")).isEqualTo("users/a.txt");
    assertThat(storage.deleteByPrefix("users/a/")).isZero();
    // the same keys can be stored again afterwards
    storage.put("users/a/1", text("again"), 100);
    assertThat(read(storage, "users/a/1")).isEqualTo("again");
  }

  @Test
  default void matchesAPrefixCharacterByCharacter() throws IOException {
    FileStorage storage = storage();
    for (String key : List.of("users/a/1", "users/ab/3", "users/a.txt", "users/b/4", "usersa")) {
      storage.put(key, text(key), 100);
    }

    assertThat(storage.deleteByPrefix("users/a")).isEqualTo(3);

    assertThat(read(storage, "users/b/4")).isEqualTo("users/b/4");
    assertThat(read(storage, "usersa")).isEqualTo("usersa");
    assertThat(storage.deleteByPrefix("nothing/here/")).isZero();
  }

  @Test
  default void acceptsEveryAllowedCharacter() throws IOException {
    FileStorage storage = storage();
    String key = "AZaz09/._-/.hidden/v1.2-final_draft.tar.gz";

    assertThat(storage.put(key, text("abc"), 10).key()).isEqualTo(key);
    assertThat(read(storage, key)).isEqualTo("abc");
    // as long as allowed, in segments short enough for any file system
    String longest = ("x".repeat(99) + "/").repeat(5) + "y".repeat(FileStorage.MAX_KEY_LENGTH - 500);
    assertThat(storage.put(longest, text("abc"), 10).key()).hasSize(FileStorage.MAX_KEY_LENGTH);
  }

  @Test
  default void refusesKeysThatCouldLeaveTheStoreOrAreMalformed() throws IOException {
    FileStorage storage = storage();
    storage.put("users/a/secret", text("abc"), 10);
    List<String> invalid = Arrays.asList(null, "", "/etc/passwd", "../x", "a/../b", "a/..", "..", "a..b", ".",
        "./a", "a/./b", "a/.", "a//b", "a/", "a b", "a\\b", "a:b", "caf\u00e9", "a\u0000b", "~/x", "a/*",
        "x".repeat(FileStorage.MAX_KEY_LENGTH + 1));

    for (String key : invalid) {
      assertThatThrownBy(() -> storage.put(key, text("abc"), 10)).as(String.valueOf(key))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> storage.open(key)).as(String.valueOf(key))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> storage.delete(key)).as(String.valueOf(key))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(read(storage, "users/a/secret")).isEqualTo("abc");
  }

  @Test
  default void refusesPrefixesThatCouldReachEverythingOrLeaveTheStore() throws IOException {
    FileStorage storage = storage();
    storage.put("users/a/secret", text("abc"), 10);

    for (String prefix : Arrays.asList(null, "", "/", "//", "../", "users/../", "users//", "/users/", "..")) {
      assertThatThrownBy(() -> storage.deleteByPrefix(prefix)).as(String.valueOf(prefix))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(read(storage, "users/a/secret")).isEqualTo("abc");
  }
}
