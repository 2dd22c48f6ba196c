package dev.va.bootstrap;

import dev.va.adapter.persistence.Database;
import dev.va.adapter.persistence.PersistenceSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * A migrated schema of its own ({@code va_test_<random>}) on the test PostgreSQL, dropped by {@link #close()}. The
 * server is {@code VA_TEST_JDBC_URL} (user {@code VA_TEST_JDBC_USER}, default postgres, password
 * {@code VA_TEST_JDBC_PASSWORD}), else 127.0.0.1:5432/test as postgres; when it cannot be reached the test fails
 * saying so.
 */
final class TestPostgres implements AutoCloseable {
  private final String url = System.getenv().getOrDefault("VA_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  private final String user = System.getenv().getOrDefault("VA_TEST_JDBC_USER", "postgres");
  private final String password = System.getenv().getOrDefault("VA_TEST_JDBC_PASSWORD", "");
  private final String schema = "va_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  private final Database database;

  TestPostgres() {
    execute("CREATE SCHEMA " + schema);
    try {
      String separator = url.contains("?") ? "&" : "?";
      database = Database.open(new PersistenceSettings(url + separator + "currentSchema=" + schema, user, password,
          4));
    } catch (RuntimeException e) {
      execute("DROP SCHEMA " + schema + " CASCADE");
      throw e;
    }
  }

  Database database() {
    return database;
  }

  @Override
  public void close() {
    try {
      database.close();
    } finally {
      execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private void execute(String sql) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", "3");
    try (Connection connection = DriverManager.getConnection(url, properties);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("No PostgreSQL for the tests at " + url + " (" + e.getMessage() + "): set "
          + "VA_TEST_JDBC_URL (and VA_TEST_JDBC_USER / VA_TEST_JDBC_PASSWORD) to a server where the user may create "
          + "schemas, or run PostgreSQL on 127.0.0.1:5432 with a database 'test' that user 'postgres' can reach", e);
    }
  }
}
