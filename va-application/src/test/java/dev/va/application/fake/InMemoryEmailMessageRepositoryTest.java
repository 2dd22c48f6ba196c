package dev.va.application.fake;

import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.EmailMessageRepositoryContract;
import dev.va.application.port.out.UserRepository;

class InMemoryEmailMessageRepositoryTest implements EmailMessageRepositoryContract {
  private final InMemoryRepositories repositories = new InMemoryRepositories();

  @Override
  public EmailMessageRepository messages() {
    return repositories.messages();
  }

  @Override
  public UserRepository users() {
    return repositories.users();
  }

  @Override
  public EmailAccountRepository accounts() {
    return repositories.accounts();
  }
}
