package dev.va.application.fake;

import dev.va.application.port.out.ReplyTemplateRepository;
import dev.va.application.port.out.ReplyTemplateRepositoryContract;
import dev.va.application.port.out.UserRepository;

class InMemoryReplyTemplateRepositoryTest implements ReplyTemplateRepositoryContract {
  private final InMemoryRepositories repositories = new InMemoryRepositories();

  @Override
  public ReplyTemplateRepository templates() {
    return repositories.templates();
  }

  @Override
  public UserRepository users() {
    return repositories.users();
  }
}
