package dev.va.application.fake;

import dev.va.application.port.out.DataAnalysisJobRepository;
import dev.va.application.port.out.DataAnalysisJobRepositoryContract;
import dev.va.application.port.out.UserRepository;

class InMemoryDataAnalysisJobRepositoryTest implements DataAnalysisJobRepositoryContract {
  private final InMemoryRepositories repositories = new InMemoryRepositories();

  @Override
  public DataAnalysisJobRepository analyses() {
    return repositories.analyses();
  }

  @Override
  public UserRepository users() {
    return repositories.users();
  }
}
