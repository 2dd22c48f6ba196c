package dev.va.adapter.persistence;

import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.EmailMessageRepositoryContract;
import dev.va.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresEmailMessageRepositoryTest implements EmailMessageRepositoryContract {
  private final Database database;

  PostgresEmailMessageRepositoryTest(Database database) {
    this.database = database;
  }

  @Override
  public EmailMessageRepository messages() {
    return new PostgresEmailMessageRepository(database);
  }

  @Override
  public UserRepository users() {
    return new PostgresUserRepository(database);
  }

  @Override
  public EmailAccountRepository accounts() {
    return new PostgresEmailAccountRepository(database);
  }
}
