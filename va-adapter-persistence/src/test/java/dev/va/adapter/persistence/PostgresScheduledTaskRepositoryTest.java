package dev.va.adapter.persistence;

import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.ScheduledTaskRepositoryContract;
import dev.va.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresScheduledTaskRepositoryTest implements ScheduledTaskRepositoryContract {
  private final Database database;

  PostgresScheduledTaskRepositoryTest(Database database) {
    this.database = database;
  }

  @Override
  public ScheduledTaskRepository tasks() {
    return new PostgresScheduledTaskRepository(database);
  }

  @Override
  public UserRepository users() {
    return new PostgresUserRepository(database);
  }
}
