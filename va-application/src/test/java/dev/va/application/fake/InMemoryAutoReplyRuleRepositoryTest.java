package dev.va.application.fake;

import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.AutoReplyRuleRepositoryContract;
import dev.va.application.port.out.UserRepository;

class InMemoryAutoReplyRuleRepositoryTest implements AutoReplyRuleRepositoryContract {
  private final InMemoryRepositories repositories = new InMemoryRepositories();

  @Override
  public AutoReplyRuleRepository rules() {
    return repositories.rules();
  }

  @Override
  public UserRepository users() {
    return repositories.users();
  }
}
