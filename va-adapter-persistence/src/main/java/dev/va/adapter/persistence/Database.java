package dev.va.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/**
 * The open database: a HikariCP pool over a migrated schema, and the MyBatis mappers on top of it. Close it once on
 * shutdown; that closes every pooled connection.
 */
public final class Database implements AutoCloseable {
  private static final List<Class<?>> MAPPERS = List.of(UserMapper.class, EmailAccountMapper.class,
      EmailMessageMapper.class, AutoReplyRuleMapper.class, ScheduledTaskMapper.class, JobMapper.class,
      DataAnalysisJobMapper.class, AuditEventMapper.class, RefreshTokenMapper.class,
      ScheduleClaimMapper.class, ClassifierModelMapper.class, AutoReplyRuleVersionMapper.class,
      ReplyTemplateMapper.class, ReplyDraftMapper.class, OutboxMapper.class, SideEffectMapper.class,
      UserCategoryMapper.class, NonceMapper.class);

  private final HikariDataSource dataSource;
  private final SqlSessionFactory sessions;

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    this.sessions = new SqlSessionFactoryBuilder().build(myBatis(dataSource));
  }

  /** Opens the pool (failing fast when the database cannot be reached) and applies pending migrations. */
  public static Database open(PersistenceSettings settings) {
    HikariDataSource dataSource = new HikariDataSource(hikari(settings));
    try {
      Migrations.migrate(dataSource);
      return new Database(dataSource);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /** Runs {@code work} on a mapper in its own auto-committed session. */
  <M, T> T call(Class<M> mapper, Function<M, T> work) {
    try (SqlSession session = sessions.openSession(true)) {
      return work.apply(session.getMapper(mapper));
    } catch (PersistenceException e) {
      throw Duplicates.translate(e);
    }
  }

  /** Runs {@code work} on a mapper in its own auto-committed session. */
  <M> void run(Class<M> mapper, Consumer<M> work) {
    call(mapper, m -> {
      work.accept(m);
      return null;
    });
  }

  /** Runs {@code work} on a mapper in one transaction, committed when it returns normally. */
  <M> void inTransaction(Class<M> mapper, Consumer<M> work) {
    try (SqlSession session = sessions.openSession(false)) {
      work.accept(session.getMapper(mapper));
      session.commit();
    } catch (PersistenceException e) {
      throw Duplicates.translate(e);
    }
  }

  /**
   * Runs {@code work} in one transaction over as many mappers as it takes from the session: committed when it returns
   * true, rolled back when it returns false or throws. Returns what {@code work} returned.
   */
  boolean commitIf(Predicate<SqlSession> work) {
    try (SqlSession session = sessions.openSession(false)) {
      boolean commit = work.test(session);
      if (commit) session.commit();
      else session.rollback(true);
      return commit;
    } catch (PersistenceException e) {
      throw Duplicates.translate(e);
    }
  }

  private static HikariConfig hikari(PersistenceSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("va-db");
    config.setJdbcUrl(settings.jdbcUrl());
    if (settings.username() != null) config.setUsername(settings.username());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
    // fail requests fast rather than hang when the database is down; readiness reports it
    config.setConnectionTimeout(5_000);
    config.setValidationTimeout(2_000);
    return config;
  }

  private static Configuration myBatis(DataSource dataSource) {
    Configuration configuration =
        new Configuration(new Environment("va", new JdbcTransactionFactory(), dataSource));
    // row records are built through their canonical constructors, columns matched to parameter names
    configuration.setMapUnderscoreToCamelCase(true);
    configuration.setArgNameBasedConstructorAutoMapping(true);
    configuration.setDefaultStatementTimeout(30);
    configuration.getTypeHandlerRegistry().register(UUID.class, new UuidTypeHandler());
    configuration.getTypeHandlerRegistry().register(Instant.class, new InstantTypeHandler());
    MAPPERS.forEach(configuration::addMapper);
    return configuration;
  }
}
