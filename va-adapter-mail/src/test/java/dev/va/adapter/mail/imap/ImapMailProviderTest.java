package dev.va.adapter.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.sun.net.httpserver.HttpServer;
import dev.va.adapter.mail.oauth.FakeTokenEndpoint;
import dev.va.adapter.mail.oauth.OAuthClient;
import dev.va.adapter.mail.oauth.OAuthClientSettings;
import dev.va.adapter.mail.oauth.OAuthCredentials;
import dev.va.adapter.mail.oauth.OAuthTokenSource;
import dev.va.adapter.mail.MailSettings;
import dev.va.adapter.mail.mime.MimeIngest;
import dev.va.adapter.mail.mime.MimeLimits;
import dev.va.application.fake.InMemoryEmailAccountRepository;
import dev.va.application.fake.InMemoryEmailMessageRepository;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.mail.AccountCredentialStore;
import dev.va.application.port.out.MailProvider.MailProviderException;
import dev.va.application.port.out.MailProvider.SyncBatch;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.MailProviderContract;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.shared.EncryptedSecret;
import dev.va.domain.user.UserId;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The IMAP/SMTP provider against GreenMail: the port's contract plus IMAP specifics. */
class ImapMailProviderTest implements MailProviderContract {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = GreenMailServer.extension();

  private final Clock clock = Clock.systemUTC(); // GreenMail stamps arrivals with the real time
  private final InMemoryTokenCipher cipher = new InMemoryTokenCipher(List.of("key-1"));
  private final MailSettings settings = MailSettings.defaults();
  private GreenMailServer server;
  private EmailAccount account;
  private ImapMailProvider provider;

  @BeforeEach
  void setUp() {
    server = new GreenMailServer(GREEN_MAIL);
    account = account(MailProviderType.IMAP, GreenMailServer.PASSWORD);
    provider = provider(settings, ImapAuth.PASSWORD, MailProviderType.IMAP);
  }

  private ImapMailProvider provider(MailSettings s, ImapAuth auth, MailProviderType type) {
    return new ImapMailProvider(type, auth, new MimeIngest(s.mime()), cipher, s, clock);
  }

  private EmailAccount account(MailProviderType type, String secret) {
    Instant now = clock.instant();
    return new EmailAccount(EmailAccountId.random(), UserId.random(), type, EmailAddress.of(GreenMailServer.ADDRESS),
        "Me", new ServerEndpoint("127.0.0.1", server.imapPort(), ServerEndpoint.Security.NONE),
        new ServerEndpoint("127.0.0.1", server.smtpPort(), ServerEndpoint.Security.NONE), GreenMailServer.ADDRESS,
        cipher.encrypt(secret), AccountStatus.ACTIVE, null, null, null, 0, null, now, now);
  }

  private static MailSettings settings(int days, int max, int batch, List<String> folders, long maxBytes) {
    MailSettings d = MailSettings.defaults();
    return new MailSettings(new MimeLimits(maxBytes, 20, 256 * 1024, 16 * 1024), days, max, batch, folders,
        d.archiveFolder(), d.connectTimeout(), d.readTimeout(), d.writeTimeout());
  }

  private static String raw(String messageId, String subject) {
    return "From: a@example.com\nTo: me@example.com\nSubject: " + subject + "\n"
        + (messageId == null ? "" : "Message-ID: " + messageId + "\n") + "\nbody " + subject + "\n";
  }

  private static Set<String> subjects(SyncBatch batch) {
    return batch.messages().stream().map(EmailMessage::subject).collect(Collectors.toSet());
  }

  // contract hooks

  @Override
  public MailProvider provider() {
    return provider;
  }

  @Override
  public EmailAccount account() {
    return account;
  }

  @Override
  public EmailAccount accountWithWrongCredentials() {
    return account(MailProviderType.IMAP, "wrong-password");
  }

  @Override
  public void deliver(String rawMessage) {
    server.append("INBOX", rawMessage, Date.from(clock.instant())); // it arrives now, whatever its Date header says
  }

  @Override
  public String folderOf(String messageIdHeader) {
    return server.folderOf(messageIdHeader);
  }

  @Override
  public boolean isFlaggedOnServer(String messageIdHeader) {
    return server.hasFlag(messageIdHeader, Flags.Flag.FLAGGED);
  }

  @Override
  public boolean isSeenOnServer(String messageIdHeader) {
    return server.hasFlag(messageIdHeader, Flags.Flag.SEEN);
  }

  @Override
  public String archiveFolder() {
    return settings.archiveFolder();
  }

  // IMAP specifics

  @Test
  void changedUidValidityResyncsWithoutDuplicateIds() throws InterruptedException {
    MailSettings work = settings(30, 500, 200, List.of("Work"), MimeLimits.DEFAULT_MAX_MESSAGE_BYTES);
    ImapMailProvider workProvider = provider(work, ImapAuth.PASSWORD, MailProviderType.IMAP);
    server.append("Work", raw("<w1@example.com>", "one"), null);
    server.append("Work", raw(null, "no message id"), null);
    SyncBatch first = workProvider.sync(account, null);
    long before = server.uidValidity("Work");

    // GreenMail takes UIDVALIDITY from the clock in seconds: recreate the folder in a later second
    Thread.sleep(1100);
    server.deleteFolder("Work");
    server.append("Work", raw("<w1@example.com>", "one"), null);
    server.append("Work", raw(null, "no message id"), null);
    server.append("Work", raw("<w2@example.com>", "two"), null);
    assertThat(server.uidValidity("Work")).isNotEqualTo(before);

    SyncBatch resync = workProvider.sync(account, first.nextCursor());

    assertThat(resync.fullResync()).isTrue();
    assertThat(resync.messages()).extracting(EmailMessage::providerMessageId).doesNotHaveDuplicates();
    String oneId = first.messages().stream().filter(m -> m.subject().equals("one")).findFirst().orElseThrow()
        .providerMessageId();
    assertThat(oneId).isEqualTo("mid:w1@example.com");
    assertThat(resync.messages()).extracting(EmailMessage::providerMessageId)
        .contains(oneId, "mid:w2@example.com");
    // without a Message-ID the id is the message's place, which the new UIDVALIDITY changes
    assertThat(resync.messages()).filteredOn(m -> m.subject().equals("no message id")).singleElement()
        .satisfies(m -> assertThat(m.providerMessageId()).startsWith("uid:" + server.uidValidity("Work") + ":"));
    assertThat(workProvider.sync(account, resync.nextCursor()).messages()).isEmpty();
  }

  @Test
  void syncIsCutIntoBatches() {
    ImapMailProvider small = provider(settings(30, 500, 2, List.of("INBOX"), 1 << 20), ImapAuth.PASSWORD,
        MailProviderType.IMAP);
    for (int i = 1; i <= 3; i++) deliver(raw("<b" + i + "@example.com>", "b" + i));

    SyncBatch first = small.sync(account, null);
    SyncBatch second = small.sync(account, first.nextCursor());

    assertThat(subjects(first)).containsExactlyInAnyOrder("b1", "b2");
    assertThat(first.hasMore()).isTrue();
    assertThat(subjects(second)).containsExactly("b3");
    assertThat(second.hasMore()).isFalse();
  }

  @Test
  void firstSyncWindowLimitsDaysAndCount() {
    Date old = Date.from(clock.instant().minus(Duration.ofDays(40)));
    server.append("INBOX", raw("<old@example.com>", "old"), old);
    for (int i = 1; i <= 3; i++) deliver(raw("<n" + i + "@example.com>", "n" + i));
    ImapMailProvider windowed = provider(settings(30, 2, 200, List.of("INBOX"), 1 << 20), ImapAuth.PASSWORD,
        MailProviderType.IMAP);

    SyncBatch first = windowed.sync(account, null);
    assertThat(subjects(first)).containsExactlyInAnyOrder("n2", "n3");
    assertThat(windowed.sync(account, first.nextCursor()).messages()).isEmpty();

    deliver(raw("<n4@example.com>", "n4"));
    assertThat(subjects(windowed.sync(account, first.nextCursor()))).containsExactly("n4");
    // without a day limit the old message is within the window
    ImapMailProvider everything = provider(settings(0, 0, 200, List.of("INBOX"), 1 << 20), ImapAuth.PASSWORD,
        MailProviderType.IMAP);
    assertThat(subjects(everything.sync(account, null))).contains("old", "n1", "n4");
  }

  @Test
  void oversizeMessageIsSyncedWithHeadersOnly() {
    ImapMailProvider limited = provider(settings(30, 500, 200, List.of("INBOX"), 2048), ImapAuth.PASSWORD,
        MailProviderType.IMAP);
    deliver(raw("<big@example.com>", "big") + "x".repeat(5000) + "\n");

    EmailMessage big = limited.sync(account, null).messages().get(0);

    assertThat(big.subject()).isEqualTo("big");
    assertThat(big.bodyText()).isEmpty();
    assertThat(big.sizeBytes()).isGreaterThan(5000);
    assertThat(big.parseWarnings()).anyMatch(w -> w.contains("only its headers were read"));
    assertThat(server.hasFlag("<big@example.com>", Flags.Flag.SEEN)).isFalse();
  }

  @Test
  void xoauth2SendsTheAccessToken() {
    // GreenMail checks an XOAUTH2 token like a password
    ImapMailProvider outlook = provider(settings, ImapAuth.XOAUTH2, MailProviderType.OUTLOOK);
    deliver(raw("<x@example.com>", "oauth"));

    outlook.checkConnection(account(MailProviderType.OUTLOOK, GreenMailServer.PASSWORD));
    assertThat(subjects(outlook.sync(account(MailProviderType.OUTLOOK, GreenMailServer.PASSWORD), null)))
        .containsExactly("oauth");
    assertThat(outlook.type()).isEqualTo(MailProviderType.OUTLOOK);
    assertThatThrownBy(() -> outlook.checkConnection(account(MailProviderType.OUTLOOK, "expired-token")))
        .isInstanceOfSatisfying(MailProviderException.class, e -> assertThat(e.authentication()).isTrue());
  }

  @Test
  void xoauth2RefreshesTheAccessTokenAndStoresTheRenewedCredentials() throws IOException {
    HttpServer tokenServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    FakeTokenEndpoint endpoint = new FakeTokenEndpoint(token -> { });
    tokenServer.createContext("/token", endpoint);
    tokenServer.start();
    try {
      endpoint.addRefreshToken("rt-outlook");
      InMemoryEmailAccountRepository accounts = new InMemoryEmailAccountRepository(new InMemoryEmailMessageRepository());
      OAuthClientSettings microsoft = OAuthClientSettings.microsoft("common", FakeTokenEndpoint.CLIENT_ID,
          FakeTokenEndpoint.CLIENT_SECRET, URI.create("https://va.example.com/oauth/callback"));
      OAuthClient client = new OAuthClient(microsoft.withEndpoints(microsoft.authorizationUri(),
          URI.create("http://127.0.0.1:" + tokenServer.getAddress().getPort() + "/token")), Duration.ofSeconds(5),
          clock);
      ImapMailProvider outlook = new ImapMailProvider(MailProviderType.OUTLOOK,
          new OAuthTokenSource(client, cipher, new AccountCredentialStore(accounts, clock), clock),
          new MimeIngest(settings.mime()), cipher, settings, clock);
      // GreenMail checks an XOAUTH2 token like a password: only the refreshed token is the right one
      EmailAccount refused = account(MailProviderType.OUTLOOK,
          new OAuthCredentials("expired-token", "rt-outlook", clock.instant().plusSeconds(3600), null).toJson());
      EmailAccount expiring = account(MailProviderType.OUTLOOK,
          new OAuthCredentials("expired-token", "rt-outlook", clock.instant().plusSeconds(20), null).toJson());
      EmailAccount revoked = account(MailProviderType.OUTLOOK,
          new OAuthCredentials("expired-token", "rt-revoked", clock.instant().plusSeconds(3600), null).toJson());
      accounts.insert(refused);
      deliver(raw("<o@example.com>", "outlook"));

      endpoint.nextAccessToken(GreenMailServer.PASSWORD);
      assertThat(subjects(outlook.sync(refused, null))).containsExactly("outlook");
      endpoint.nextAccessToken(GreenMailServer.PASSWORD);
      outlook.checkConnection(expiring);

      assertThat(endpoint.requests()).hasSize(2).allSatisfy(form -> assertThat(form.get("scope"))
          .contains("https://outlook.office365.com/IMAP.AccessAsUser.All"));
      OAuthCredentials stored = OAuthCredentials.parse(
          cipher.decrypt(accounts.findById(refused.userId(), refused.id()).orElseThrow().credentials()));
      assertThat(stored.accessToken()).isEqualTo(GreenMailServer.PASSWORD);
      assertThat(stored.refreshToken()).isEqualTo("rt-outlook");
      assertThatThrownBy(() -> outlook.checkConnection(revoked))
          .isInstanceOfSatisfying(MailProviderException.class, e -> assertThat(e.authentication()).isTrue());
    } finally {
      tokenServer.stop(0);
    }
  }

  @Test
  void undecryptableCredentialsNeedReauthentication() {
    EmailAccount broken = account.withCredentials(new EncryptedSecret("fake.other-key.cGFzcw.0000000000000000"),
        clock.instant());

    assertThatThrownBy(() -> provider.checkConnection(broken))
        .isInstanceOfSatisfying(MailProviderException.class, e -> assertThat(e.authentication()).isTrue());
  }

  @Test
  void unreachableServerIsNotAnAuthenticationFailure() {
    EmailAccount nowhere = new EmailAccount(account.id(), account.userId(), account.provider(), account.address(),
        null, new ServerEndpoint("127.0.0.1", 1, ServerEndpoint.Security.NONE), null, account.username(),
        account.credentials(), AccountStatus.ACTIVE, null, null, null, 0, null, account.createdAt(),
        account.updatedAt());

    assertThatThrownBy(() -> provider.checkConnection(nowhere))
        .isInstanceOfSatisfying(MailProviderException.class, e -> assertThat(e.authentication()).isFalse());
  }

  private static MailProvider.OutgoingMessage reply() {
    return new MailProvider.OutgoingMessage(null, List.of(GreenMailServer.ADDRESS), List.of(), "Re: plans",
        "see you then", "<orig@example.com>", List.of("<root@example.com>", "<orig@example.com>"),
        Map.of("Auto-Submitted", "auto-replied"));
  }

  @Test
  void aSentReplyIsCopiedSeenToANewSentFolderWithItsThreadingHeaders() throws MessagingException {
    String id = provider.send(account, reply());

    List<GreenMailServer.Stored> sent = server.messages("Sent");
    assertThat(sent).hasSize(1);
    MimeMessage copy = sent.get(0).message();
    assertThat(copy.getMessageID()).isEqualTo(id);
    assertThat(copy.getSubject()).isEqualTo("Re: plans");
    assertThat(copy.getHeader("In-Reply-To", null)).isEqualTo("<orig@example.com>");
    assertThat(copy.getHeader("References", null).replaceAll("\\s+", " "))
        .isEqualTo("<root@example.com> <orig@example.com>");
    assertThat(copy.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
    assertThat(sent.get(0).flags().contains(Flags.Flag.SEEN)).isTrue();
    // the delivered message is the same one
    assertThat(server.messages("INBOX")).extracting(m -> m.message().getMessageID()).containsExactly(id);
  }

  @Test
  void anExistingSentFolderOfACommonNameIsUsed() throws MessagingException {
    server.createFolder("Sent Items");

    String id = provider.send(account, reply());

    assertThat(server.messages("Sent Items")).extracting(m -> m.message().getMessageID()).containsExactly(id);
    assertThat(server.messages("Sent")).isEmpty();
  }

  @Test
  void aFailingCopyDoesNotMakeTheSendFail() throws MessagingException {
    // SMTP works, IMAP cannot be reached: the message goes out, only its copy is missing
    EmailAccount noImap = new EmailAccount(account.id(), account.userId(), account.provider(), account.address(),
        null, new ServerEndpoint("127.0.0.1", 1, ServerEndpoint.Security.NONE), account.smtp(), account.username(),
        account.credentials(), AccountStatus.ACTIVE, null, null, null, 0, null, account.createdAt(),
        account.updatedAt());

    String id = provider.send(noImap, reply());

    assertThat(server.messages("INBOX")).extracting(m -> m.message().getMessageID()).containsExactly(id);
    assertThat(server.messages("Sent")).isEmpty();
  }

  @Test
  void headerInjectionThroughExtraHeadersOrTheMessageIdIsRefused() {
    MailProvider.OutgoingMessage bad = new MailProvider.OutgoingMessage(null, List.of(GreenMailServer.ADDRESS),
        List.of(), "hi", "text", null, List.of(), Map.of("X-Note", "a\r\nBcc: victim@example.com"));
    MailProvider.OutgoingMessage reserved = new MailProvider.OutgoingMessage(null, List.of(GreenMailServer.ADDRESS),
        List.of(), "hi", "text", null, List.of(), Map.of("From", "ceo@example.com"));

    assertThatThrownBy(() -> provider.send(account, bad)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> provider.send(account, reserved)).isInstanceOf(IllegalArgumentException.class);
    for (String messageId : List.of("no-brackets@example.com", "<no-at-sign>", "<a@b>\r\nBcc: victim@example.com",
        "<two@ids> <x@y>")) {
      MailProvider.OutgoingMessage withId = new MailProvider.OutgoingMessage(null, List.of(GreenMailServer.ADDRESS),
          List.of(), "hi", "text", null, List.of(), Map.of()).withMessageId(messageId);
      assertThatThrownBy(() -> provider.send(account, withId)).as(messageId)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
