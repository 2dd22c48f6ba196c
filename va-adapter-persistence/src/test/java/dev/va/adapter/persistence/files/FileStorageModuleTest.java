package dev.va.adapter.persistence.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.va.application.port.out.FileStorage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStorageModuleTest {
  @Test
  void bindsOneLocalStorageUnderTheRoot(@TempDir Path root) throws IOException {
    Injector injector = Guice.createInjector(new FileStorageModule(root));
    FileStorage storage = injector.getInstance(FileStorage.class);

    storage.put("a/b", new ByteArrayInputStream(new byte[] {1, 2, 3}), 10);

    assertThat(storage).isInstanceOf(LocalFileStorage.class).isSameAs(injector.getInstance(FileStorage.class));
    assertThat(root.resolve("a/b")).hasBinaryContent(new byte[] {1, 2, 3});
  }
}
