package dev.va.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class MigrationsTest {
  private final Database database;

  MigrationsTest(Database database) {
    this.database = database;
  }

  @Test
  void runsEveryChangeOnceHoweverOftenItIsCalled() throws SQLException {
    List<String> before = strings("SELECT id FROM databasechangelog ORDER BY orderexecuted");

    Migrations.migrate(database.dataSource());
    Migrations.migrate(database.dataSource());

    assertThat(strings("SELECT id FROM databasechangelog ORDER BY orderexecuted"))
        .isEqualTo(before)
        .containsExactly("001-users", "002-email-accounts", "003-email-messages", "004-auto-reply-rules",
            "005-scheduled-tasks", "006-jobs", "007-data-analysis-jobs", "008-audit-events",
            "009-refresh-tokens", "010-schedule-claims",
            "011-email-account-sync-backoff", "012-triage-results",
            "013-auto-reply-rule-versions", "013-reply-templates", "013-reply-drafts", "013-auto-reply-outbox",
            "014-job-audit", "015-oauth-nonces", "016-user-categories", "017-jobs-unfinished", "018-side-effects",
            "019-reply-draft-source", "020-jobs-revision");
  }

  @Test
  void createsEveryTableInTheConnectionsSchema() throws SQLException {
    assertThat(strings("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"))
        .contains("users", "email_accounts", "email_messages", "auto_reply_rules", "scheduled_tasks", "jobs",
            "data_analysis_jobs", "audit_events", "refresh_tokens", "schedule_claims", "classifier_models",
            "auto_reply_rule_versions", "reply_templates", "reply_drafts", "auto_reply_outbox", "user_categories",
            "oauth_nonces");
  }

  @Test
  void keepsEveryTimeWithItsZone() throws SQLException {
    assertThat(strings("SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns"
        + " WHERE table_schema = current_schema() AND column_name LIKE '%\\_at'"
        + " AND data_type <> 'timestamp with time zone'"))
        .isEmpty();
  }

  private List<String> strings(String sql) throws SQLException {
    return TestDatabase.strings(database, sql);
  }
}
