package dev.va.application.fake;

import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.JobRepositoryContract;
import dev.va.application.port.out.UserRepository;

class InMemoryJobRepositoryTest implements JobRepositoryContract {
  private final InMemoryRepositories repositories = new InMemoryRepositories();

  @Override
  public JobRepository jobs() {
    return repositories.jobs();
  }

  @Override
  public UserRepository users() {
    return repositories.users();
  }
}
