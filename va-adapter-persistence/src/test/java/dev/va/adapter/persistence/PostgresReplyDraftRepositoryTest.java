package dev.va.adapter.persistence;

import dev.va.application.port.out.ReplyDraftRepository;
import dev.va.application.port.out.ReplyDraftRepositoryContract;
import dev.va.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresReplyDraftRepositoryTest implements ReplyDraftRepositoryContract {
  private final Database database;

  PostgresReplyDraftRepositoryTest(Database database) {
    this.database = database;
  }

  @Override
  public ReplyDraftRepository drafts() {
    return new PostgresReplyDraftRepository(database);
  }

  @Override
  public UserRepository users() {
    return new PostgresUserRepository(database);
  }
}
