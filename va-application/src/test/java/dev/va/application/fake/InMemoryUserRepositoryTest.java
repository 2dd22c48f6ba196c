package dev.va.application.fake;

import dev.va.application.port.out.UserRepository;
import dev.va.application.port.out.UserRepositoryContract;

class InMemoryUserRepositoryTest implements UserRepositoryContract {
  private final InMemoryRepositories repositories = new InMemoryRepositories();

  @Override
  public UserRepository users() {
    return repositories.users();
  }
}
