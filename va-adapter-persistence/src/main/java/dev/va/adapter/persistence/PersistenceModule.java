package dev.va.adapter.persistence;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.va.application.port.out.AuditEventRepository;
import dev.va.application.port.out.AutoReplyOutbox;
import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.ClassifierModelStore;
import dev.va.application.port.out.DataAnalysisJobRepository;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.HealthIndicator;
import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.NonceStore;
import dev.va.application.port.out.RefreshTokenRepository;
import dev.va.application.port.out.ReplyDraftRepository;
import dev.va.application.port.out.ReplyTemplateRepository;
import dev.va.application.port.out.UserCategoryRepository;
import dev.va.application.port.out.ScheduleClaims;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.UserRepository;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Binds the repository ports, the {@link ScheduleClaims}, the {@link ClassifierModelStore}, the {@link AutoReplyOutbox}
 * and the {@link NonceStore} of OAuth states to PostgreSQL and adds the "database" {@link HealthIndicator} to the set
 * of health indicators. Needs a {@link Clock} bound elsewhere.
 *
 * <p>The {@link Database} singleton is opened on first use: it starts the pool and applies pending migrations, so
 * any injected repository works on an up-to-date schema. Whoever builds the injector owns it and must call
 * {@code injector.getInstance(Database.class).close()} on shutdown. Ask for {@link Database} right after building the
 * injector to fail at start rather than on the first request when the database is unreachable.
 */
public final class PersistenceModule extends AbstractModule {
  private final PersistenceSettings settings;

  /** With fixed settings. */
  public PersistenceModule(PersistenceSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * With {@link PersistenceSettings} bound by another module, e.g. one that first starts an embedded server and so
   * knows the URL only at injection time.
   */
  public PersistenceModule() {
    this.settings = null;
  }

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), HealthIndicator.class);
    if (settings != null) bind(PersistenceSettings.class).toInstance(settings);
  }

  @Provides
  @Singleton
  Database database(PersistenceSettings settings) {
    return Database.open(settings);
  }

  @Provides
  DataSource dataSource(Database database) {
    return database.dataSource();
  }

  @ProvidesIntoSet
  @Singleton
  HealthIndicator databaseHealth(Database database) {
    return new DatabaseHealthIndicator(database.dataSource());
  }

  @Provides
  @Singleton
  UserRepository users(Database database) {
    return new PostgresUserRepository(database);
  }

  @Provides
  @Singleton
  EmailAccountRepository accounts(Database database) {
    return new PostgresEmailAccountRepository(database);
  }

  @Provides
  @Singleton
  EmailMessageRepository messages(Database database) {
    return new PostgresEmailMessageRepository(database);
  }

  @Provides
  @Singleton
  AutoReplyRuleRepository rules(Database database) {
    return new PostgresAutoReplyRuleRepository(database);
  }

  @Provides
  @Singleton
  ScheduledTaskRepository tasks(Database database) {
    return new PostgresScheduledTaskRepository(database);
  }

  @Provides
  @Singleton
  ScheduleClaims scheduleClaims(Database database) {
    return new PostgresScheduleClaims(database);
  }

  @Provides
  @Singleton
  JobRepository jobs(Database database) {
    return new PostgresJobRepository(database);
  }

  @Provides
  @Singleton
  DataAnalysisJobRepository analyses(Database database) {
    return new PostgresDataAnalysisJobRepository(database);
  }

  @Provides
  @Singleton
  AuditEventRepository audit(Database database) {
    return new PostgresAuditEventRepository(database);
  }

  @Provides
  @Singleton
  RefreshTokenRepository refreshTokens(Database database) {
    return new PostgresRefreshTokenRepository(database);
  }

  @Provides
  @Singleton
  ClassifierModelStore classifierModels(Database database) {
    return new PostgresClassifierModelStore(database);
  }

  @Provides
  @Singleton
  ReplyTemplateRepository templates(Database database) {
    return new PostgresReplyTemplateRepository(database);
  }

  @Provides
  @Singleton
  ReplyDraftRepository drafts(Database database) {
    return new PostgresReplyDraftRepository(database);
  }

  @Provides
  @Singleton
  AutoReplyOutbox outbox(Database database) {
    return new PostgresAutoReplyOutbox(database);
  }

  @Provides
  @Singleton
  UserCategoryRepository categories(Database database) {
    return new PostgresUserCategoryRepository(database);
  }

  /** Shared by every process on the database: an OAuth state is good once across processes and restarts. */
  @Provides
  @Singleton
  NonceStore oauthNonces(Database database, Clock clock) {
    return new PostgresNonceStore(database, clock);
  }
}
