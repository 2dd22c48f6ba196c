package dev.va.adapter.persistence;

/**
 * Where the PostgreSQL database is and how large the connection pool may grow. A null username leaves it to the
 * URL (or the driver's default). The password may be empty (trust
 * authentication, as the embedded database uses) but not null, and never shows in {@link #toString()}.
 */
public record PersistenceSettings(String jdbcUrl, String username, String password, int maxPoolSize) {
  public static final int MAX_POOL_SIZE = 100;

  public PersistenceSettings {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("jdbcUrl must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db)");
    }
    if (username != null && username.isBlank()) throw new IllegalArgumentException("username must not be blank");
    if (password == null) throw new IllegalArgumentException("password must not be null (use \"\" for none)");
    if (maxPoolSize < 1 || maxPoolSize > MAX_POOL_SIZE) {
      throw new IllegalArgumentException("maxPoolSize must be between 1 and " + MAX_POOL_SIZE);
    }
  }

  @Override
  public String toString() {
    return "PersistenceSettings[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=***, maxPoolSize="
        + maxPoolSize + "]";
  }
}
