package dev.va.adapter.mail.imap;

import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.va.adapter.mail.MailSettings;
import dev.va.adapter.mail.mime.MimeIngest;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.fake.OnceJobContext;
import dev.va.application.fake.RecordingWebhookSender;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.MailProvider.SyncBatch;
import dev.va.application.triage.classify.TriageModel;
import dev.va.application.triage.job.TriageJobHandler;
import dev.va.application.triage.job.TriagePayload;
import dev.va.application.triage.model.ClassifierModels;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.User;
import jakarta.mail.Flags;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mail arrives at an IMAP server, is synced, and the {@code mail.triage} job runs the user's rules on it: a rule's
 * flag ends up on the message at the server. The real IMAP provider against GreenMail, in-memory repositories.
 */
class TriageOnImapEndToEndTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = GreenMailServer.extension();

  private static final String FLAG_CLIENTS = """
      {"when": {"field": "from", "op": "ends_with", "value": "@client.example"}, "then": [{"action": "flag"}]}""";

  private final Clock clock = Clock.systemUTC(); // GreenMail stamps arrivals with the real time
  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final InMemoryTokenCipher cipher = new InMemoryTokenCipher(List.of("key-1"));
  private final OnceJobContext.Ledger ledger = new OnceJobContext.Ledger();
  private GreenMailServer server;
  private MailProvider imap;
  private TriageJobHandler handler;
  private User user;
  private EmailAccount account;

  @BeforeEach
  void setUp() {
    server = new GreenMailServer(GREEN_MAIL);
    MailSettings settings = MailSettings.defaults();
    imap = new ImapMailProvider(MailProviderType.IMAP, ImapAuth.PASSWORD, new MimeIngest(settings.mime()), cipher,
        settings, clock);
    user = aUser().email(GreenMailServer.ADDRESS).build();
    repositories.users().insert(user);
    Instant now = clock.instant();
    account = new EmailAccount(EmailAccountId.random(), user.id(), MailProviderType.IMAP,
        EmailAddress.of(GreenMailServer.ADDRESS), "Me",
        new ServerEndpoint("127.0.0.1", server.imapPort(), ServerEndpoint.Security.NONE),
        new ServerEndpoint("127.0.0.1", server.smtpPort(), ServerEndpoint.Security.NONE), GreenMailServer.ADDRESS,
        cipher.encrypt(GreenMailServer.PASSWORD), AccountStatus.ACTIVE, null, null, null, 0, null, now, now);
    repositories.accounts().insert(account);
    handler = new TriageJobHandler(repositories.messages(), repositories.accounts(), repositories.rules(),
        repositories.users(), repositories.categories(), Map.of(MailProviderType.IMAP, imap),
        new ClassifierModels(TriageModel.untrained(), repositories.models(), clock), TriageJobHandler.Llm.none(),
        TriageJobHandler.Replies.none(), new RecordingWebhookSender(), clock);
  }

  private void deliver(String from, String messageId, String subject) {
    server.append("INBOX", "From: " + from + "\nTo: " + GreenMailServer.ADDRESS + "\nSubject: " + subject
        + "\nMessage-ID: " + messageId + "\n\nHello, " + subject + ".\n", Date.from(clock.instant()));
  }

  /** What the mail sync does with a batch: store the new messages; each gets a triage job. */
  private List<EmailMessage> sync() {
    SyncBatch batch = imap.sync(account, null);
    return batch.messages().stream().filter(repositories.messages()::insertIfAbsent).toList();
  }

  private void triage(EmailMessage message) {
    handler.handle(new OnceJobContext(ledger, TriageJobHandler.TYPE,
        new TriagePayload(message.id(), message.accountId()).toJson()));
  }

  @Test
  void a_rule_flags_a_synced_message_on_the_mail_server() {
    repositories.rules().insert(AutoReplyRule.create(user.id(), "clients", 10, FLAG_CLIENTS, clock.instant()));
    deliver("Ann Lee <ann@client.example>", "<renewal-1@client.example>", "contract renewal");
    deliver("Bob <bob@elsewhere.example>", "<hello-1@elsewhere.example>", "lunch");

    List<EmailMessage> synced = sync();
    assertThat(synced).hasSize(2);
    assertThat(server.hasFlag("<renewal-1@client.example>", Flags.Flag.FLAGGED)).isFalse();
    for (EmailMessage message : synced) {
      triage(message);
      triage(message); // delivered twice: nothing happens twice
    }

    assertThat(server.hasFlag("<renewal-1@client.example>", Flags.Flag.FLAGGED)).isTrue();
    assertThat(server.hasFlag("<hello-1@elsewhere.example>", Flags.Flag.FLAGGED)).isFalse();
    EmailMessage renewal = synced.stream().filter(m -> m.subject().equals("contract renewal")).findFirst()
        .orElseThrow();
    EmailMessage stored = repositories.messages().findById(user.id(), renewal.id()).orElseThrow();
    assertThat(stored.triage().processed()).isTrue();
    assertThat(stored.triage().flagged()).isTrue();
    assertThat(repositories.messages().ruleApplications(user.id(), renewal.id())).singleElement()
        .satisfies(applied -> assertThat(applied.ruleName()).isEqualTo("clients"));
    assertThat(ledger.done()).containsExactly("triage:" + renewal.id() + ":flag");
  }

  @Test
  void a_password_the_server_refuses_puts_the_account_in_needs_reauth() {
    repositories.rules().insert(AutoReplyRule.create(user.id(), "clients", 10, FLAG_CLIENTS, clock.instant()));
    deliver("Ann Lee <ann@client.example>", "<renewal-2@client.example>", "contract renewal");
    List<EmailMessage> synced = sync();
    EmailAccount refused = account.withCredentials(cipher.encrypt("the-old-password"), clock.instant());
    repositories.accounts().update(refused);

    triage(synced.get(0));

    assertThat(repositories.accounts().findById(user.id(), account.id()).orElseThrow().status())
        .isEqualTo(AccountStatus.NEEDS_REAUTH);
    assertThat(server.hasFlag("<renewal-2@client.example>", Flags.Flag.FLAGGED)).isFalse();
    assertThat(repositories.messages().findById(user.id(), synced.get(0).id()).orElseThrow().triage().processed())
        .isFalse();
  }
}
