package dev.va.adapter.persistence;

import static dev.va.application.fixture.AuditEventBuilder.anEvent;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.port.out.PageRequest;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.user.User;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The database itself keeps the audit log append-only, whatever SQL reaches it. */
@ExtendWith(TestDatabase.class)
class AuditEventsAppendOnlyTest {
  private final Database database;
  private final PostgresAuditEventRepository audit;

  AuditEventsAppendOnlyTest(Database database) {
    this.database = database;
    this.audit = new PostgresAuditEventRepository(database);
  }

  @Test
  void refusesUpdatesAndDeletes() {
    User user = aUser().build();
    new PostgresUserRepository(database).insert(user);
    AuditEvent event = anEvent(user.id()).build();
    audit.append(event);

    assertThatThrownBy(() -> execute("UPDATE audit_events SET action = 'forged' WHERE id = ?", event))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23001"));
    assertThatThrownBy(() -> execute("DELETE FROM audit_events WHERE id = ?", event))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23001"));

    assertThat(audit.listByActor(user.id(), PageRequest.first(10)).items()).containsExactly(event);
  }

  @Test
  void refusesDeletingAnEventWithoutActor() {
    AuditEvent event = anEvent(null).build();
    audit.append(event);

    assertThatThrownBy(() -> execute("DELETE FROM audit_events WHERE id = ?", event))
        .isInstanceOf(SQLException.class);
  }

  private void execute(String sql, AuditEvent event) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, event.id().value());
      statement.executeUpdate();
    }
  }
}
