package dev.va.bootstrap;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.va.adapter.persistence.PersistenceSettings;
import dev.va.adapter.persistence.TestDatabase.TestSchema;
import dev.va.adapter.web.ApiHarness;
import dev.va.adapter.web.Endpoint;
import dev.va.adapter.web.RouteTable;
import dev.va.adapter.web.TestApplication;
import dev.va.adapter.web.WebSettings;
import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobRepository;
import dev.va.bootstrap.config.ConfigLoader;
import dev.va.bootstrap.config.VaConfig;
import dev.va.bootstrap.security.Argon2idParameters;
import dev.va.bootstrap.security.JwtAccessTokens;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.user.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * va as {@code va server} runs it, for the API suites of va-adapter-web: every module of {@link VaModules#server}
 * on a fresh PostgreSQL schema, with Argon2id password hashes, HS256 JWTs signed with SECRET_KEY and Fernet-encrypted
 * secrets under ENCRYPTION_KEY. Only the clock (one the tests move), the HTTP port (a free one) and the Argon2id cost
 * are replaced. The login throttles are production's: every test calls from 127.0.0.1, so a server takes
 * {@link ApplicationModule#FREE_FAILURES_PER_ADDRESS} failed logins per throttle window of its clock before it locks
 * the suite out.
 */
final class FullServer implements ApiHarness {
  /** Argon2id all the same, at a cost that keeps a hash within milliseconds rather than a tenth of a second. */
  static final Argon2idParameters TEST_COST = new Argon2idParameters(256, 1, 1);

  /** Columns that name a user: by convention, or by a foreign key onto users (as UserDeletionLeavesNoTraceTest). */
  private static final String USER_COLUMNS = """
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name IN ('user_id', 'actor', 'actor_id', 'owner_id')
      UNION
      SELECT fk.table_name, fk.column_name
      FROM information_schema.referential_constraints rc
      JOIN information_schema.key_column_usage fk
        ON fk.constraint_schema = rc.constraint_schema AND fk.constraint_name = rc.constraint_name
      JOIN information_schema.constraint_column_usage pk
        ON pk.constraint_schema = rc.unique_constraint_schema AND pk.constraint_name = rc.unique_constraint_name
      WHERE rc.constraint_schema = current_schema() AND pk.table_name = 'users'
      UNION
      SELECT 'users', 'id'
      ORDER BY 1, 2
      """;

  private final TestSchema schema;
  private final Path dataDir;
  private final SettableClock clock;
  private final String secretKey;
  private VaConfig config;
  private List<Module> extra;
  private VaServer server;

  private FullServer(TestSchema schema, Path dataDir) {
    this.schema = schema;
    this.dataDir = dataDir;
    this.clock = new SettableClock(TestApplication.START);
    this.secretKey = randomKey(48);
  }

  /** Starts a server on a schema of its own, with {@code extra} modules overriding or adding to its wiring. */
  static FullServer start(Module... extra) {
    return start(Map.of(), extra);
  }

  /** Like {@link #start(Module...)}, with {@code environment} added to the variables the server is configured by. */
  static FullServer start(Map<String, String> environment, Module... extra) {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("va-full-server");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FullServer harness = new FullServer(TestSchema.create(), dataDir);
    try {
      Map<String, String> env = new HashMap<>(environment);
      env.putAll(Map.of(
          ConfigLoader.VA_DATABASE_URL, harness.schema.settings().jdbcUrl(),
          ConfigLoader.ENCRYPTION_KEY, randomKey(32),
          ConfigLoader.SECRET_KEY, harness.secretKey,
          ConfigLoader.VA_DATA_DIR, harness.dataDir.toString()));
      harness.config = ConfigLoader.load(env);
      harness.extra = List.of(extra);
      harness.startServer();
      return harness;
    } catch (RuntimeException e) {
      harness.close();
      throw e;
    }
  }

  private void startServer() {
    server = VaServer.start(config, modules -> Modules.override(modules).with(overrides()));
  }

  /**
   * Stops the server and starts another on the same schema, keys, data directory and clock, as a restart or the next
   * process would. It listens on another port: read {@link #url()} again.
   */
  void restart() {
    VaServer stopping = server;
    server = null;
    stopping.stop();
    startServer();
  }

  private List<Module> overrides() {
    List<Module> overrides = new ArrayList<>();
    overrides.add(binder -> {
      binder.bind(Clock.class).toInstance(clock);
      binder.bind(WebSettings.class).toInstance(WebSettings.localEphemeral());
      binder.bind(Argon2idParameters.class).toInstance(TEST_COST);
      // the configured URL names the schema; these settings add the test server's credentials
      binder.bind(PersistenceSettings.class).toInstance(schema.settings());
    });
    overrides.addAll(extra);
    return overrides;
  }

  @Override
  public String url() {
    return server.url();
  }

  @Override
  public List<Endpoint> endpoints() {
    return Endpoint.all(port(RouteTable.class));
  }

  @Override
  public <T> T port(Class<T> type) {
    return server.injector().getInstance(type);
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Instant advance(Duration by) {
    clock.set(clock.instant().plus(by));
    return clock.instant();
  }

  @Override
  public Duration accessLifetime() {
    return JwtAccessTokens.DEFAULT_LIFETIME;
  }

  @Override
  public byte[] accessTokenKey() {
    return secretKey.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public int freeLoginFailures() {
    return ApplicationModule.FREE_FAILURES_PER_ACCOUNT;
  }

  @Override
  public void enqueue(Job job) {
    port(JobRepository.class).upsertAll(List.of(job));
    port(JobQueue.class).enqueue(job);
  }

  /** The queue forgets a job once cancelled; no worker runs here, so it cannot have finished otherwise. */
  @Override
  public boolean cancelled(JobId job) {
    return port(JobQueue.class).find(job).isEmpty();
  }

  /** Every row of any table whose user column names {@code user}, and every stored file whose path does. */
  @Override
  public List<String> tracesOf(UserId user) {
    List<String> traces = new ArrayList<>();
    try (Connection connection = port(DataSource.class).getConnection()) {
      for (String[] column : userColumns(connection)) {
        // names come from the catalog; quoting keeps them exact
        long rows = count(connection, "SELECT count(*) FROM \"" + column[0] + "\" WHERE \"" + column[1]
            + "\"::text = ?", user);
        if (rows > 0) traces.add(column[0] + "." + column[1] + ": " + rows + " row(s)");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.filter(Files::isRegularFile).filter(f -> f.toString().contains(user.toString()))
          .forEach(f -> traces.add("file " + dataDir.relativize(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return traces;
  }

  private static List<String[]> userColumns(Connection connection) throws SQLException {
    List<String[]> columns = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(USER_COLUMNS);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) columns.add(new String[] {rows.getString(1), rows.getString(2)});
    }
    return columns;
  }

  private static long count(Connection connection, String sql, UserId user) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, user.toString());
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  @Override
  public void close() {
    try {
      if (server != null) server.stop();
      schema.close();
      try (Stream<Path> paths = Files.walk(dataDir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
      }
    } catch (Exception e) {
      throw new IllegalStateException("stopping the server or dropping its schema failed", e);
    }
  }

  /** {@code bytes} random bytes in url-safe base64: a Fernet key for 32. */
  static String randomKey(int bytes) {
    byte[] key = new byte[bytes];
    new SecureRandom().nextBytes(key);
    return Base64.getUrlEncoder().encodeToString(key);
  }
}
