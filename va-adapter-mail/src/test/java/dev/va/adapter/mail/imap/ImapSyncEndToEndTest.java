package dev.va.adapter.mail.imap;

import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.va.adapter.mail.MailSettings;
import dev.va.adapter.mail.mime.MimeIngest;
import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.fake.RecordingJobQueue;
import dev.va.application.mail.MailAccountService;
import dev.va.application.mail.MailJobs;
import dev.va.application.mail.MailSyncService;
import dev.va.application.mail.MailSyncService.Outcome;
import dev.va.application.port.in.MailUseCases.ConnectImapAccountCommand;
import dev.va.application.port.out.MailAccountChanges;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.MessageQuery;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.User;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connecting a mailbox and syncing it, end to end: the account and sync use cases over the real IMAP provider and a
 * GreenMail server, with in-memory repositories and queue.
 */
class ImapSyncEndToEndTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = GreenMailServer.extension();

  private final Clock clock = Clock.systemUTC(); // GreenMail stamps arrivals with the real time
  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final InMemoryTokenCipher cipher = new InMemoryTokenCipher(List.of("key-1"));
  private final RecordingJobQueue queue = new RecordingJobQueue(clock);
  private GreenMailServer server;
  private MailAccountService accounts;
  private MailSyncService sync;
  private User user;

  @BeforeEach
  void setUp() {
    server = new GreenMailServer(GREEN_MAIL);
    MailSettings settings = MailSettings.defaults();
    MailProvider imap = new ImapMailProvider(MailProviderType.IMAP, ImapAuth.PASSWORD, new MimeIngest(settings.mime()),
        cipher, settings, clock);
    Map<MailProviderType, MailProvider> providers = Map.of(MailProviderType.IMAP, imap);
    accounts = new MailAccountService(repositories.accounts(), repositories.tasks(), queue.queue(), providers, cipher,
        new AuditTrail(repositories.audit(), clock), MailAccountChanges.NONE, clock,
        MailAccountService.DEFAULT_SYNC_INTERVAL);
    sync = new MailSyncService(repositories.accounts(), repositories.messages(), providers, queue.queue(),
        MailAccountChanges.NONE, clock, MailSyncService.Settings.defaults());
    user = aUser().build();
    repositories.users().insert(user);
  }

  private ConnectImapAccountCommand connect(String password) {
    return ConnectImapAccountCommand.of(user.id(), GreenMailServer.ADDRESS, "Me", "127.0.0.1", server.imapPort(),
        "none", "127.0.0.1", server.smtpPort(), "none", GreenMailServer.ADDRESS, password, RequestMeta.NONE);
  }

  private void deliver(int n) {
    server.append("INBOX", "From: Sender " + n + " <s" + n + "@example.org>\nTo: " + GreenMailServer.ADDRESS
        + "\nSubject: message " + n + "\nMessage-ID: <e2e-" + n + "@example.org>\n\nbody " + n + "\n",
        Date.from(clock.instant()));
  }

  private List<EmailMessage> stored() {
    return repositories.messages().list(MessageQuery.all(user.id(), 200)).items();
  }

  @Test
  void delivered_mail_is_synced_once() {
    EmailAccount account = accounts.connect(connect(GreenMailServer.PASSWORD));
    for (int n = 1; n <= 3; n++) deliver(n);

    assertThat(sync.sync(account.id(), false, () -> false).outcome()).isEqualTo(Outcome.SYNCED);
    assertThat(stored()).extracting(EmailMessage::subject)
        .containsExactlyInAnyOrder("message 1", "message 2", "message 3");

    deliver(4);
    assertThat(sync.sync(account.id(), false, () -> false).stored()).isEqualTo(1);
    assertThat(stored()).hasSize(4);

    assertThat(sync.sync(account.id(), false, () -> false).stored()).isZero();
    assertThat(stored()).hasSize(4);
    assertThat(queue.enqueued(MailJobs.TRIAGE)).hasSize(4);
    assertThat(stored()).extracting(EmailMessage::messageIdHeader).containsExactlyInAnyOrder(
        "<e2e-1@example.org>", "<e2e-2@example.org>", "<e2e-3@example.org>", "<e2e-4@example.org>");
  }

  @Test
  void the_server_refusing_the_password_is_reported_on_the_password_field() {
    assertThatThrownBy(() -> accounts.connect(connect("not-the-password")))
        .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.field()).isEqualTo("password"));
    assertThat(repositories.accounts().listByUser(user.id())).isEmpty();
  }
}
