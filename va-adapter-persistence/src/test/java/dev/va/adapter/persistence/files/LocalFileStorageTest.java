package dev.va.adapter.persistence.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.port.out.FileStorage;
import dev.va.application.port.out.FileStorage.FileTooLargeException;
import dev.va.application.port.out.FileStorageContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStorageTest implements FileStorageContract {
  @TempDir
  Path root;

  @Override
  public FileStorage storage() {
    return new LocalFileStorage(root);
  }

  @Test
  void storesTheFileAtItsKeyUnderTheRoot() throws IOException {
    storage().put("users/u1/report.csv", text("abc"), 10);

    assertThat(root.resolve("users/u1/report.csv")).hasContent("abc");
  }

  @Test
  void aRefusedUploadLeavesNoFileAtAll() throws IOException {
    FileStorage storage = storage();
    storage.put("users/u1/kept", text("abc"), 10);

    assertThatThrownBy(() -> storage.put("users/u1/big", text("more than ten bytes"), 10))
        .isInstanceOf(FileTooLargeException.class);
    assertThatThrownBy(() -> storage.put("users/u1/kept", text("more than ten bytes"), 10))
        .isInstanceOf(FileTooLargeException.class);

    assertThat(filesUnder(root)).containsExactly(root.resolve("users/u1/kept"));
  }

  @Test
  void stopsReadingOnceTheLimitIsPassed() {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return 'x';
      }
    };

    assertThatThrownBy(() -> storage().put("endless", endless, 1024 * 1024)).isInstanceOf(FileTooLargeException.class);
    assertThat(filesUnder(root)).isEmpty();
  }

  @Test
  void deletingAPrefixRemovesItsFoldersAndLeftoverUploads() throws IOException {
    FileStorage storage = storage();
    storage.put("users/u1/uploads/a.csv", text("abc"), 10);
    storage.put("users/u2/uploads/b.csv", text("abc"), 10);
    // an upload a crashed process never finished
    Files.writeString(root.resolve("users/u1/uploads/~12345.part"), "partial");

    assertThat(storage.deleteByPrefix("users/u1/")).isEqualTo(1);

    assertThat(root.resolve("users/u1")).doesNotExist();
    assertThat(filesUnder(root)).containsExactly(root.resolve("users/u2/uploads/b.csv"));
  }

  @Test
  void neverReachesOutsideTheRoot() throws IOException {
    Path outside = Files.writeString(root.resolveSibling(root.getFileName() + "-outside.txt"), "secret");
    try {
      FileStorage storage = storage();
      String escape = "../" + outside.getFileName();

      assertThatThrownBy(() -> storage.open(escape)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> storage.delete(escape)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> storage.deleteByPrefix("../")).isInstanceOf(IllegalArgumentException.class);
      assertThat(outside).hasContent("secret");
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void createsAMissingRoot() throws IOException {
    Path nested = root.resolve("not/yet/there");

    new LocalFileStorage(nested).put("a", text("abc"), 10);

    assertThat(nested.resolve("a")).hasContent("abc");
  }

  private static InputStream text(String value) {
    return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Path> filesUnder(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
