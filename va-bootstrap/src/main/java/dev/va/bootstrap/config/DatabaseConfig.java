package dev.va.bootstrap.config;

import java.nio.file.Path;

/** The PostgreSQL database: one reached over the network, or one va runs itself under its data directory. */
public sealed interface DatabaseConfig {

  /**
   * A server given by {@code VA_DATABASE_URL} or {@code POSTGRES_*}.
   *
   * @param jdbcUrl {@code jdbc:postgresql://...}
   * @param user null when the URL carries it (or the driver's default applies)
   * @param password null when the URL carries it or none is needed
   */
  record External(String jdbcUrl, String user, String password) implements DatabaseConfig {
    @Override
    public String toString() {
      return "External[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? null : "***") + "]";
    }
  }

  /**
   * PostgreSQL started by va, its files under {@code <dataDir>/pg}.
   *
   * @param port 0 lets the system pick a free port
   */
  record Embedded(Path dataDir, int port) implements DatabaseConfig {
    public Path pgDir() {
      return dataDir.resolve("pg");
    }
  }
}
