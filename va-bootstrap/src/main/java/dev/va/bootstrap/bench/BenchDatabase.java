package dev.va.bootstrap.bench;

import dev.va.adapter.persistence.Database;
import dev.va.adapter.persistence.PersistenceSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/** A migrated schema of its own ({@code va_bench_<random>}) on a PostgreSQL server, dropped by {@link #close()}. */
final class BenchDatabase implements AutoCloseable {
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String schema = "va_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  private final Database database;

  BenchDatabase(String jdbcUrl, String user, String password) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password == null ? "" : password;
    execute("CREATE SCHEMA " + schema);
    try {
      String separator = jdbcUrl.contains("?") ? "&" : "?";
      database = Database.open(new PersistenceSettings(jdbcUrl + separator + "currentSchema=" + schema, user,
          this.password, 4));
    } catch (RuntimeException e) {
      execute("DROP SCHEMA " + schema + " CASCADE");
      throw e;
    }
  }

  Database database() {
    return database;
  }

  String schema() {
    return schema;
  }

  long count(String status) {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT count(*) FROM " + schema + ".jobs WHERE status = '" + status + "'")) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("counting jobs failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      database.close();
    } finally {
      execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (user != null) properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(jdbcUrl, properties);
  }

  private void execute(String sql) {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + jdbcUrl + ": " + sql + " failed: " + e.getMessage(), e);
    }
  }
}
