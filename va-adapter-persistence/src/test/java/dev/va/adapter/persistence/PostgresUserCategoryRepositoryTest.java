package dev.va.adapter.persistence;

import dev.va.application.port.out.UserCategoryRepository;
import dev.va.application.port.out.UserCategoryRepositoryContract;
import dev.va.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresUserCategoryRepositoryTest implements UserCategoryRepositoryContract {
  private final Database database;

  PostgresUserCategoryRepositoryTest(Database database) {
    this.database = database;
  }

  @Override
  public UserCategoryRepository categories() {
    return new PostgresUserCategoryRepository(database);
  }

  @Override
  public UserRepository users() {
    return new PostgresUserRepository(database);
  }
}
