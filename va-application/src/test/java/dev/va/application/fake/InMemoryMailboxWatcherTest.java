package dev.va.application.fake;

import dev.va.application.fixture.EmailAccountBuilder;
import dev.va.application.port.out.MailboxWatcher;
import dev.va.application.port.out.MailboxWatcherContract;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.user.UserId;

class InMemoryMailboxWatcherTest implements MailboxWatcherContract {
  private final InMemoryMailboxWatcher watcher = new InMemoryMailboxWatcher();
  private final EmailAccount account = EmailAccountBuilder.anImapAccount(UserId.random()).build();

  @Override
  public MailboxWatcher watcher() {
    return watcher;
  }

  @Override
  public EmailAccount account() {
    return account;
  }

  @Override
  public void deliver(String rawMessage) {
    watcher.deliver(account.id());
  }
}
