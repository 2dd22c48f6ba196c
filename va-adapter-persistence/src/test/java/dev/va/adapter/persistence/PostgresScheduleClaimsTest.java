package dev.va.adapter.persistence;

import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.ScheduleClaims;
import dev.va.application.port.out.ScheduleClaimsContract;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresScheduleClaimsTest implements ScheduleClaimsContract {
  private final Database database;

  PostgresScheduleClaimsTest(Database database) {
    this.database = database;
  }

  @Override
  public ScheduleClaims claims() {
    return new PostgresScheduleClaims(database);
  }

  @Override
  public ScheduledTaskRepository tasks() {
    return new PostgresScheduledTaskRepository(database);
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
