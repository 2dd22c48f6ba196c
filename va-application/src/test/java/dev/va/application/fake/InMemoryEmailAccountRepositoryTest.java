package dev.va.application.fake;

import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailAccountRepositoryContract;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.UserRepository;

class InMemoryEmailAccountRepositoryTest implements EmailAccountRepositoryContract {
  private final InMemoryRepositories repositories = new InMemoryRepositories();

  @Override
  public EmailAccountRepository accounts() {
    return repositories.accounts();
  }

  @Override
  public UserRepository users() {
    return repositories.users();
  }

  @Override
  public EmailMessageRepository messages() {
    return repositories.messages();
  }
}
