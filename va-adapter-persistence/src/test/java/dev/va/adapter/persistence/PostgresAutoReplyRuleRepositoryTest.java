package dev.va.adapter.persistence;

import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.AutoReplyRuleRepositoryContract;
import dev.va.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresAutoReplyRuleRepositoryTest implements AutoReplyRuleRepositoryContract {
  private final Database database;

  PostgresAutoReplyRuleRepositoryTest(Database database) {
    this.database = database;
  }

  @Override
  public AutoReplyRuleRepository rules() {
    return new PostgresAutoReplyRuleRepository(database);
  }

  @Override
  public UserRepository users() {
    return new PostgresUserRepository(database);
  }
}
