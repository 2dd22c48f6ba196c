package dev.va.application.fake;

import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.ScheduledTaskRepositoryContract;
import dev.va.application.port.out.UserRepository;

class InMemoryScheduledTaskRepositoryTest implements ScheduledTaskRepositoryContract {
  private final InMemoryRepositories repositories = new InMemoryRepositories();

  @Override
  public ScheduledTaskRepository tasks() {
    return repositories.tasks();
  }

  @Override
  public UserRepository users() {
    return repositories.users();
  }
}
