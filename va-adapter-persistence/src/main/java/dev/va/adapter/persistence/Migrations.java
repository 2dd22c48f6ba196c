package dev.va.adapter.persistence;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.analytics.configuration.AnalyticsArgs;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/** Brings the schema of the connection's current schema up to date with the Liquibase changelog. */
public final class Migrations {
  static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

  private Migrations() {}

  /** Applies every change not applied yet; safe to call on every start and from several processes at once. */
  public static void migrate(DataSource dataSource) {
    Map<String, Object> scope = Map.of(
        // Liquibase 4.30+ may send usage data; va never phones home
        AnalyticsArgs.ENABLED.getKey(), false,
        Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()),
        // progress and the summary go to the log rather than to standard output
        Scope.Attr.ui.name(), new LoggerUIService());
    try (Connection connection = dataSource.getConnection()) {
      Database database = DatabaseFactory.getInstance()
          .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      // the schema named by currentSchema in the URL, so tests can migrate a schema of their own
      database.setDefaultSchemaName(connection.getSchema());
      Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
          .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
          .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
          .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
          .execute());
    } catch (Exception e) {
      throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
    }
  }
}
