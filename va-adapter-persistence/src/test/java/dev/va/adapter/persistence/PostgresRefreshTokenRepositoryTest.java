package dev.va.adapter.persistence;

import dev.va.application.port.out.RefreshTokenRepository;
import dev.va.application.port.out.RefreshTokenRepositoryContract;
import dev.va.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresRefreshTokenRepositoryTest implements RefreshTokenRepositoryContract {
  private final Database database;

  PostgresRefreshTokenRepositoryTest(Database database) {
    this.database = database;
  }

  @Override
  public RefreshTokenRepository tokens() {
    return new PostgresRefreshTokenRepository(database);
  }

  @Override
  public UserRepository users() {
    return new PostgresUserRepository(database);
  }
}
