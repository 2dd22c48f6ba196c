package dev.va.adapter.persistence;

import dev.va.application.port.out.AutoReplyOutbox;
import dev.va.application.port.out.AutoReplyOutboxContract;
import dev.va.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresAutoReplyOutboxTest implements AutoReplyOutboxContract {
  private final Database database;

  PostgresAutoReplyOutboxTest(Database database) {
    this.database = database;
  }

  @Override
  public AutoReplyOutbox outbox() {
    return new PostgresAutoReplyOutbox(database);
  }

  @Override
  public UserRepository users() {
    return new PostgresUserRepository(database);
  }
}
