package dev.va.application.fake;

import dev.va.application.port.out.ReplyDraftRepository;
import dev.va.application.port.out.ReplyDraftRepositoryContract;
import dev.va.application.port.out.UserRepository;

class InMemoryReplyDraftRepositoryTest implements ReplyDraftRepositoryContract {
  private final InMemoryRepositories repositories = new InMemoryRepositories();

  @Override
  public ReplyDraftRepository drafts() {
    return repositories.drafts();
  }

  @Override
  public UserRepository users() {
    return repositories.users();
  }
}
