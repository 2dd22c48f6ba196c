package dev.va.adapter.persistence;

import dev.va.application.port.out.HealthIndicator;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;

/** Readiness of the database: a {@code SELECT 1} through the pool, bounded by short timeouts. */
final class DatabaseHealthIndicator implements HealthIndicator {
  private static final int QUERY_TIMEOUT_SECONDS = 2;

  private final DataSource dataSource;

  DatabaseHealthIndicator(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public String name() {
    return "database";
  }

  /** Waits at most the pool's connection timeout plus the query timeout; never throws. */
  @Override
  public Health check() {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      statement.execute("SELECT 1");
      return new Health(true, "reachable");
    } catch (Exception e) {
      return new Health(false, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
