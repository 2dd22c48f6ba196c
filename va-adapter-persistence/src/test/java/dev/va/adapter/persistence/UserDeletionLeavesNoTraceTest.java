package dev.va.adapter.persistence;

import static dev.va.application.fixture.AuditEventBuilder.anEvent;
import static dev.va.application.fixture.AutoReplyRuleBuilder.aRule;
import static dev.va.application.fixture.DataAnalysisJobBuilder.anAnalysis;
import static dev.va.application.fixture.EmailAccountBuilder.anImapAccount;
import static dev.va.application.fixture.EmailMessageBuilder.aMessage;
import static dev.va.application.fixture.JobBuilder.aJob;
import static dev.va.application.fixture.OutboxEntryBuilder.anAutoReply;
import static dev.va.application.fixture.RefreshTokenBuilder.aRefreshToken;
import static dev.va.application.fixture.ReplyDraftBuilder.aDraft;
import static dev.va.application.fixture.ReplyTemplateBuilder.aTemplate;
import static dev.va.application.fixture.ScheduledTaskBuilder.aTask;
import static dev.va.application.fixture.UserBuilder.aUser;
import static dev.va.application.fixture.UserCategoryBuilder.aCategory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fixture.TestTimes;
import dev.va.application.port.out.ClassifierModelStore;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deleting a user leaves no row anywhere in the schema that points at the user. The columns to check are found in
 * the catalog (by name, and by foreign key to {@code users}), so a table added later is covered without touching
 * this test.
 */
@ExtendWith(TestDatabase.class)
class UserDeletionLeavesNoTraceTest {
  /** Columns that name a user: by convention, or by a foreign key onto users. */
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
      ORDER BY 1, 2
      """;

  private final Database database;

  UserDeletionLeavesNoTraceTest(Database database) {
    this.database = database;
  }

  @Test
  void noColumnOfAnyTableStillNamesADeletedUser() throws SQLException {
    UserId deleted = userWithSomethingInEveryTable();
    UserId kept = userWithSomethingInEveryTable();
    Map<String, String> columns = userColumns();

    new PostgresUserRepository(database).delete(deleted);

    // discovery works: every table known today is found, and the kept user still has rows in each of them
    assertThat(columns.keySet()).contains("email_accounts.user_id", "email_messages.user_id",
        "auto_reply_rules.user_id", "scheduled_tasks.user_id", "jobs.user_id", "data_analysis_jobs.user_id",
        "audit_events.actor_id", "refresh_tokens.user_id", "classifier_models.user_id",
        "auto_reply_rule_versions.user_id", "reply_templates.user_id", "reply_drafts.user_id",
        "auto_reply_outbox.user_id", "user_categories.user_id");
    for (Map.Entry<String, String> column : columns.entrySet()) {
      assertThat(countRows(column.getValue(), kept)).as(column.getKey() + " of the kept user").isPositive();
      assertThat(countRows(column.getValue(), deleted)).as(column.getKey() + " of the deleted user").isZero();
    }
    assertThat(countRows("SELECT count(*) FROM users WHERE id::text = ?", deleted)).isZero();
  }

  private UserId userWithSomethingInEveryTable() {
    User user = aUser().build();
    new PostgresUserRepository(database).insert(user);
    EmailAccount account = anImapAccount(user.id()).build();
    new PostgresEmailAccountRepository(database).insert(account);
    new PostgresEmailMessageRepository(database).insertIfAbsent(aMessage(account).build());
    new PostgresAutoReplyRuleRepository(database).insert(aRule(user.id()).build());
    new PostgresScheduledTaskRepository(database).insert(aTask(user.id()).build());
    new PostgresJobRepository(database).upsertAll(List.of(aJob(user.id()).build()));
    new PostgresDataAnalysisJobRepository(database).insert(anAnalysis(user.id()).build());
    new PostgresAuditEventRepository(database).append(anEvent(user.id()).build());
    new PostgresRefreshTokenRepository(database).insert(aRefreshToken(user.id()).build());
    new PostgresClassifierModelStore(database).save(user.id(),
        new ClassifierModelStore.StoredModel(new byte[] {1, 2, 3}, TestTimes.T0));
    new PostgresReplyTemplateRepository(database).insert(aTemplate(user.id()).build());
    new PostgresReplyDraftRepository(database).insertIfAbsent(aDraft(user.id()).build());
    new PostgresAutoReplyOutbox(database).insertIfAbsent(anAutoReply(user.id()).build());
    new PostgresUserCategoryRepository(database).insert(aCategory(user.id()).build(), 50);
    return user.id();
  }

  /** "table.column" to the query counting the rows whose column names a given user. */
  private Map<String, String> userColumns() throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(USER_COLUMNS);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        String table = rows.getString(1);
        String column = rows.getString(2);
        // names come from the catalog; quoting keeps them exact
        columns.put(table + "." + column,
            "SELECT count(*) FROM \"" + table + "\" WHERE \"" + column + "\"::text = ?");
      }
    }
    return columns;
  }

  private long countRows(String sql, UserId user) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, user.toString());
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
