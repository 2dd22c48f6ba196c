package dev.va.adapter.persistence;

import dev.va.application.port.out.DataAnalysisJobRepository;
import dev.va.application.port.out.DataAnalysisJobRepositoryContract;
import dev.va.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresDataAnalysisJobRepositoryTest implements DataAnalysisJobRepositoryContract {
  private final Database database;

  PostgresDataAnalysisJobRepositoryTest(Database database) {
    this.database = database;
  }

  @Override
  public DataAnalysisJobRepository analyses() {
    return new PostgresDataAnalysisJobRepository(database);
  }

  @Override
  public UserRepository users() {
    return new PostgresUserRepository(database);
  }
}
