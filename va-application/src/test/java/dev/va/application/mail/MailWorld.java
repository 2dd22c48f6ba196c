package dev.va.application.mail;

import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.fake.InMemoryMailProvider;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.fake.RecordingJobQueue;
import dev.va.application.fake.RecordingMailAccountChanges;
import dev.va.application.fake.SettableClock;
import dev.va.application.port.in.MailUseCases.ConnectImapAccountCommand;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.user.User;
import dev.va.application.fixture.UserBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The mail use cases over in-memory fakes, with a mail server where tests create mailboxes and deliver mail. */
final class MailWorld {
  static final Instant START = Instant.parse("2025-06-02T08:00:00Z");
  static final String PASSWORD = "app-password-1";
  static final RequestMeta META = new RequestMeta("req-1", "203.0.113.9");

  final SettableClock clock = new SettableClock(START);
  final InMemoryRepositories repositories = new InMemoryRepositories();
  final InMemoryTokenCipher cipher = new InMemoryTokenCipher(List.of("key-1"));
  final InMemoryMailProvider server;
  final RecordingJobQueue queue = new RecordingJobQueue(clock);
  final RecordingMailAccountChanges changes = new RecordingMailAccountChanges();
  final MailAccountService accounts;
  final MailSyncService sync;
  final MailMessageService messages;

  MailWorld(int batchSize, MailSyncService.Settings settings) {
    server = new InMemoryMailProvider(MailProviderType.IMAP, cipher, clock, batchSize);
    Map<MailProviderType, dev.va.application.port.out.MailProvider> providers = Map.of(MailProviderType.IMAP, server);
    accounts = new MailAccountService(repositories.accounts(), repositories.tasks(), queue.queue(), providers, cipher,
        new AuditTrail(repositories.audit(), clock), changes, clock, MailAccountService.DEFAULT_SYNC_INTERVAL);
    sync = new MailSyncService(repositories.accounts(), repositories.messages(), providers, queue.queue(), changes,
        clock, settings);
    messages = new MailMessageService(repositories.messages());
  }

  MailWorld() {
    this(100, MailSyncService.Settings.defaults());
  }

  User user() {
    User user = UserBuilder.aUser().build();
    repositories.users().insert(user);
    return user;
  }

  /** A mailbox on the server and the account connected to it. */
  EmailAccount connected(User user, String address) {
    server.createMailbox(address, PASSWORD);
    return accounts.connect(command(user, address, PASSWORD));
  }

  static ConnectImapAccountCommand command(User user, String address, String password) {
    return ConnectImapAccountCommand.of(user.id(), address, "Work", "imap.example.com", 993, "tls",
        "smtp.example.com", 587, "starttls", null, password, META);
  }

  EmailAccount stored(EmailAccount account) {
    return repositories.accounts().findForSystem(account.id()).orElseThrow();
  }

  void deliver(String address, int n) {
    server.deliver(address, "From: Sender " + n + " <sender" + n + "@example.org>\r\n"
        + "To: " + address + "\r\nSubject: message " + n + "\r\nMessage-ID: <m" + n + "@example.org>\r\n\r\n"
        + "body " + n + "\r\n");
  }

  void advance(Duration by) {
    clock.set(clock.instant().plus(by));
  }
}
