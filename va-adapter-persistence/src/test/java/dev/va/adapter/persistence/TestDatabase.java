package dev.va.adapter.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Hands tests a migrated {@link Database} in a schema of their own ({@code va_test_<random>}), created once per test
 * run and dropped when the run ends, so concurrent runs on one server never see each other's rows.
 *
 * <p>The server is, in order: {@code VA_TEST_JDBC_URL} (with {@code VA_TEST_JDBC_USER}, default postgres, and
 * {@code VA_TEST_JDBC_PASSWORD}, default empty); a local PostgreSQL at {@code 127.0.0.1:5432/test} as postgres; a
 * Testcontainers PostgreSQL when a Docker engine answers. With none of them, tests fail and say so.
 *
 * <p>Other modules get it through this module's test-jar; code that runs a server of its own on a fresh schema calls
 * {@link TestSchema#create()} and closes the schema when done.
 */
public final class TestDatabase implements ParameterResolver {
  private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestDatabase.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Database.class || type == TestSchema.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestSchema schema = schema(context);
    return parameter.getParameter().getType() == Database.class ? schema.database() : schema;
  }

  /** The first column of every row {@code sql} selects, as text. */
  static List<String> strings(Database database, String sql) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) values.add(rows.getString(1));
      return values;
    }
  }

  /** The schema of this run; the root store closes it (dropping the schema) when the run ends. */
  private static TestSchema schema(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(TestSchema.class, k -> TestSchema.create(),
        TestSchema.class);
  }

  /** A server to test against: its URL and credentials, and what to stop once done. */
  record Server(String jdbcUrl, String username, String password, AutoCloseable owner) {
    Connection connect() throws SQLException {
      Properties properties = new Properties();
      properties.setProperty("user", username);
      properties.setProperty("password", password);
      properties.setProperty("connectTimeout", "3");
      return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** Settings of a small pool whose connections work in {@code schema}. */
    PersistenceSettings settingsFor(String schema) {
      String separator = jdbcUrl.contains("?") ? "&" : "?";
      return new PersistenceSettings(jdbcUrl + separator + "currentSchema=" + schema, username, password, 4);
    }

    static Server find() {
      String url = System.getenv("VA_TEST_JDBC_URL");
      String user = envOr("VA_TEST_JDBC_USER", "postgres");
      String password = envOr("VA_TEST_JDBC_PASSWORD", "");
      if (url != null && !url.isBlank()) {
        Server server = new Server(url, user, password, () -> { });
        requireReachable(server, "VA_TEST_JDBC_URL=" + url);
        return server;
      }
      Server local = new Server(DEFAULT_URL, "postgres", "", () -> { });
      if (reachable(local)) return local;
      if (DockerClientFactory.instance().isDockerAvailable()) return container();
      throw new IllegalStateException("No PostgreSQL for the tests. Either set VA_TEST_JDBC_URL (and "
          + "VA_TEST_JDBC_USER / VA_TEST_JDBC_PASSWORD) to a server where the user may create schemas, or run "
          + "PostgreSQL on 127.0.0.1:5432 with a database 'test' that user 'postgres' can reach without password, "
          + "or start a Docker engine so Testcontainers can run one.");
    }

    private static Server container() {
      PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse("postgres:17-alpine"));
      container.start();
      return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(), container::stop);
    }

    private static boolean reachable(Server server) {
      try (Connection ignored = server.connect()) {
        return true;
      } catch (SQLException e) {
        return false;
      }
    }

    private static void requireReachable(Server server, String where) {
      try (Connection ignored = server.connect()) {
        // reachable
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot connect to the test database at " + where + ": " + e.getMessage(), e);
      }
    }

    private static String envOr(String name, String fallback) {
      String value = System.getenv(name);
      return value == null ? fallback : value;
    }
  }

  /** A fresh schema on a server, migrated, with a pool onto it; closing it drops the schema. */
  public static final class TestSchema implements AutoCloseable {
    private final Server server;
    private final String name;
    private final Database database;

    private TestSchema(Server server, String name, Database database) {
      this.server = server;
      this.name = name;
      this.database = database;
    }

    public static TestSchema create() {
      Server server = Server.find();
      String name = "va_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      execute(server, "CREATE SCHEMA " + name);
      try {
        return new TestSchema(server, name, Database.open(server.settingsFor(name)));
      } catch (RuntimeException e) {
        execute(server, "DROP SCHEMA " + name + " CASCADE");
        throw e;
      }
    }

    public Database database() {
      return database;
    }

    /** Settings of another pool onto this schema. */
    public PersistenceSettings settings() {
      return server.settingsFor(name);
    }

    @Override
    public void close() throws Exception {
      database.close();
      execute(server, "DROP SCHEMA " + name + " CASCADE");
      server.owner().close();
    }

    private static void execute(Server server, String sql) {
      try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
      }
    }
  }
}
