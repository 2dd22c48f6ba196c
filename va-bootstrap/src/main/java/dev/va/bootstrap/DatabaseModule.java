package dev.va.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.va.adapter.persistence.Database;
import dev.va.adapter.persistence.EmbeddedDatabase;
import dev.va.adapter.persistence.PersistenceModule;
import dev.va.adapter.persistence.PersistenceSettings;
import dev.va.bootstrap.config.DatabaseConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL as configured: an external server, or the embedded one started here (its data kept under the data
 * directory). Migrations run when the {@link Database} is first opened.
 */
public final class DatabaseModule extends AbstractModule {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseModule.class);
  static final int POOL_SIZE = 10;

  @Override
  protected void configure() {
    install(new PersistenceModule());
  }

  @Provides
  @Singleton
  PersistenceSettings settings(DatabaseConfig config, Lifecycle lifecycle) {
    if (config instanceof DatabaseConfig.External external) {
      return new PersistenceSettings(external.jdbcUrl(), external.user(),
          external.password() == null ? "" : external.password(), POOL_SIZE);
    }
    DatabaseConfig.Embedded embedded = (DatabaseConfig.Embedded) config;
    EmbeddedDatabase server = lifecycle.own(EmbeddedDatabase.start(embedded.pgDir(), embedded.port()));
    LOG.info("embedded PostgreSQL on port {} with data in {}", server.port(), embedded.pgDir().toAbsolutePath());
    return server.settings(POOL_SIZE);
  }

  @Provides
  @Singleton
  DatabaseBootstrap databaseBootstrap(com.google.inject.Provider<Database> database, Lifecycle lifecycle) {
    return () -> {
      lifecycle.own(database.get());
      return "database schema is up to date";
    };
  }
}
