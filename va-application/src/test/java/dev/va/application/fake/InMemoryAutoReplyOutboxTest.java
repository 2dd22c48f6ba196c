package dev.va.application.fake;

import dev.va.application.port.out.AutoReplyOutbox;
import dev.va.application.port.out.AutoReplyOutboxContract;
import dev.va.application.port.out.UserRepository;

class InMemoryAutoReplyOutboxTest implements AutoReplyOutboxContract {
  private final InMemoryRepositories repositories = new InMemoryRepositories();

  @Override
  public AutoReplyOutbox outbox() {
    return repositories.outbox();
  }

  @Override
  public UserRepository users() {
    return repositories.users();
  }
}
