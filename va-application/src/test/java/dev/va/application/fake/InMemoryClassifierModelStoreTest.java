package dev.va.application.fake;

import dev.va.application.port.out.ClassifierModelStore;
import dev.va.application.port.out.ClassifierModelStoreContract;
import dev.va.application.port.out.UserRepository;

class InMemoryClassifierModelStoreTest implements ClassifierModelStoreContract {
  private final InMemoryRepositories repositories = new InMemoryRepositories();

  @Override
  public ClassifierModelStore models() {
    return repositories.models();
  }

  @Override
  public UserRepository users() {
    return repositories.users();
  }
}
