package dev.va.adapter.persistence;

import dev.va.application.port.out.UserRepository;
import dev.va.application.port.out.UserRepositoryContract;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresUserRepositoryTest implements UserRepositoryContract {
  private final Database database;

  PostgresUserRepositoryTest(Database database) {
    this.database = database;
  }

  @Override
  public UserRepository users() {
    return new PostgresUserRepository(database);
  }
}
