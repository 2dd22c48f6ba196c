package dev.va.adapter.persistence;

import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.JobRepositoryContract;
import dev.va.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresJobRepositoryTest implements JobRepositoryContract {
  private final Database database;

  PostgresJobRepositoryTest(Database database) {
    this.database = database;
  }

  @Override
  public JobRepository jobs() {
    return new PostgresJobRepository(database);
  }

  @Override
  public UserRepository users() {
    return new PostgresUserRepository(database);
  }
}
