package dev.va.application.fake;

import dev.va.application.port.out.UserCategoryRepository;
import dev.va.application.port.out.UserCategoryRepositoryContract;
import dev.va.application.port.out.UserRepository;

class InMemoryUserCategoryRepositoryTest implements UserCategoryRepositoryContract {
  private final InMemoryRepositories repositories = new InMemoryRepositories();

  @Override
  public UserCategoryRepository categories() {
    return repositories.categories();
  }

  @Override
  public UserRepository users() {
    return repositories.users();
  }
}
