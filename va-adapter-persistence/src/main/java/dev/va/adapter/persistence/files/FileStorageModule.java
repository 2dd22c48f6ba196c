package dev.va.adapter.persistence.files;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.va.application.port.out.FileStorage;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Binds {@link FileStorage} to files under {@code root} on the local disk. Kept apart from the database module so an
 * embedding application can store files elsewhere by installing its own binding instead of this module.
 */
public final class FileStorageModule extends AbstractModule {
  private final Path root;

  public FileStorageModule(Path root) {
    this.root = Objects.requireNonNull(root, "root");
  }

  @Provides
  @Singleton
  FileStorage fileStorage() {
    return new LocalFileStorage(root);
  }
}
