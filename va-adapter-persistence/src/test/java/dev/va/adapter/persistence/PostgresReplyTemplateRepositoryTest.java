package dev.va.adapter.persistence;

import dev.va.application.port.out.ReplyTemplateRepository;
import dev.va.application.port.out.ReplyTemplateRepositoryContract;
import dev.va.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresReplyTemplateRepositoryTest implements ReplyTemplateRepositoryContract {
  private final Database database;

  PostgresReplyTemplateRepositoryTest(Database database) {
    this.database = database;
  }

  @Override
  public ReplyTemplateRepository templates() {
    return new PostgresReplyTemplateRepository(database);
  }

  @Override
  public UserRepository users() {
    return new PostgresUserRepository(database);
  }
}
