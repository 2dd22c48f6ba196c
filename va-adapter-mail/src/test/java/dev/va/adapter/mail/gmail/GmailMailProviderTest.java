package dev.va.adapter.mail.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.adapter.mail.MailSettings;
import dev.va.adapter.mail.mime.MimeIngest;
import dev.va.adapter.mail.mime.MimeLimits;
import dev.va.adapter.mail.oauth.FakeTokenEndpoint;
import dev.va.adapter.mail.oauth.OAuthClient;
import dev.va.adapter.mail.oauth.OAuthClientSettings;
import dev.va.adapter.mail.oauth.OAuthCredentials;
import dev.va.adapter.mail.oauth.OAuthTokenSource;
import dev.va.application.fake.InMemoryEmailAccountRepository;
import dev.va.application.fake.InMemoryEmailMessageRepository;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.fake.SettableClock;
import dev.va.application.mail.AccountCredentialStore;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.MailProvider.MailProviderException;
import dev.va.application.port.out.MailProvider.OutgoingMessage;
import dev.va.application.port.out.MailProvider.SyncBatch;
import dev.va.application.port.out.MailProviderContract;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.UserId;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Gmail provider against a local server that answers like the Gmail API: the port's contract plus Gmail specifics. */
class GmailMailProviderTest implements MailProviderContract {
  private static final String ADDRESS = "me@example.com";
  private static final String ALL_MAIL = "[Gmail]/All Mail";

  private final SettableClock clock = new SettableClock(Instant.parse("2025-06-02T12:00:00Z"));
  private final InMemoryTokenCipher cipher = new InMemoryTokenCipher(List.of("key-1"));
  private final InMemoryEmailAccountRepository accounts =
      new InMemoryEmailAccountRepository(new InMemoryEmailMessageRepository());
  private final List<Long> sleeps = new ArrayList<>();
  private FakeGmailServer server;
  private EmailAccount account;
  private GmailMailProvider provider;

  @BeforeEach
  void setUp() throws IOException {
    server = new FakeGmailServer(clock, ADDRESS);
    server.acceptAccessToken("at-initial");
    server.tokenEndpoint().addRefreshToken("rt-1");
    account = account(new OAuthCredentials("at-initial", "rt-1", clock.instant().plus(Duration.ofHours(1)),
        "https://www.googleapis.com/auth/gmail.modify"));
    accounts.insert(account);
    provider = provider(MailSettings.defaults());
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private GmailMailProvider provider(MailSettings settings) {
    OAuthClientSettings google = OAuthClientSettings.google(FakeTokenEndpoint.CLIENT_ID,
        FakeTokenEndpoint.CLIENT_SECRET, URI.create("https://va.example.com/oauth/callback"));
    OAuthClient client = new OAuthClient(google.withEndpoints(google.authorizationUri(), server.tokenUrl()),
        Duration.ofSeconds(5), clock);
    OAuthTokenSource tokens = new OAuthTokenSource(client, cipher, new AccountCredentialStore(accounts, clock), clock);
    return new GmailMailProvider(GmailSettings.defaults(google).withRootUrl(server.rootUrl()), settings,
        new MimeIngest(settings.mime()), tokens, sleeps::add, clock);
  }

  private EmailAccount account(OAuthCredentials credentials) {
    Instant now = clock.instant();
    return new EmailAccount(EmailAccountId.random(), UserId.random(), MailProviderType.GMAIL,
        EmailAddress.of(ADDRESS), "Me", null, null, null, cipher.encrypt(credentials.toJson()), AccountStatus.ACTIVE,
        null, null, null, 0, null, now, now);
  }

  private OAuthCredentials stored(EmailAccount a) {
    return OAuthCredentials.parse(cipher.decrypt(accounts.findById(a.userId(), a.id()).orElseThrow().credentials()));
  }

  private static MailSettings settings(int days, int max, int batch, long maxBytes) {
    MailSettings d = MailSettings.defaults();
    return new MailSettings(new MimeLimits(maxBytes, 20, 256 * 1024, 16 * 1024), days, max, batch, d.syncFolders(),
        d.archiveFolder(), d.connectTimeout(), d.readTimeout(), d.writeTimeout());
  }

  private static String raw(String id, String subject) {
    return "From: a@example.com\nTo: me@example.com\nSubject: " + subject + "\nMessage-ID: <" + id
        + "@example.com>\n\nbody " + subject + "\n";
  }

  private static Set<String> subjects(SyncBatch batch) {
    return batch.messages().stream().map(EmailMessage::subject).collect(Collectors.toSet());
  }

  private long requestsTo(String fragment) {
    return server.requests().stream().filter(r -> r.contains(fragment)).count();
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
    return account(new OAuthCredentials("at-unknown", "rt-revoked", clock.instant().plus(Duration.ofHours(1)), null));
  }

  @Override
  public void deliver(String rawMessage) {
    server.deliver(rawMessage);
  }

  /** INBOX while the message is in the inbox, else its (first) user label, else All Mail. */
  @Override
  public String folderOf(String messageIdHeader) {
    Set<String> labels = server.labelNamesOf(messageIdHeader);
    if (labels.isEmpty() && server.byMessageId(messageIdHeader).isEmpty()) return null;
    if (labels.contains("INBOX")) return "INBOX";
    return labels.stream().filter(l -> !l.equals(l.toUpperCase())).findFirst().orElse(ALL_MAIL);
  }

  @Override
  public boolean isFlaggedOnServer(String messageIdHeader) {
    return server.labelNamesOf(messageIdHeader).contains("STARRED");
  }

  @Override
  public boolean isSeenOnServer(String messageIdHeader) {
    return !server.labelNamesOf(messageIdHeader).contains("UNREAD");
  }

  @Override
  public String archiveFolder() {
    return ALL_MAIL;
  }

  /** The fake server, like Gmail may, gives sent mail a Message-ID of its own. */
  @Override
  public boolean replacesMessageIds() {
    return true;
  }

  /**
   * Gmail has labels, not folders: a move adds the folder's label and leaves the inbox, and archiving only leaves the
   * inbox, so a message moved before keeps the label it was moved to (the contract expects it in the archive folder
   * only, as an IMAP move would put it). The same steps, with Gmail's outcome.
   */
  @Override
  @Test
  public void moveAndArchiveKeepTheProviderId() {
    deliver(raw("m1", "move me"));
    deliver(raw("m2", "archive me"));
    List<EmailMessage> synced = provider.sync(account, null).messages();
    String moved = synced.stream().filter(m -> m.subject().equals("move me")).findFirst().orElseThrow()
        .providerMessageId();
    String archived = synced.stream().filter(m -> m.subject().equals("archive me")).findFirst().orElseThrow()
        .providerMessageId();

    provider.moveTo(account, moved, "Receipts");
    assertThat(folderOf("<m1@example.com>")).isEqualTo("Receipts");
    assertThat(server.labelNamesOf("<m1@example.com>")).doesNotContain("INBOX");
    assertThat(provider.fetch(account, moved).orElseThrow().labels()).contains("Receipts");

    provider.archive(account, moved);
    assertThat(server.labelNamesOf("<m1@example.com>")).contains("Receipts").doesNotContain("INBOX");

    provider.archive(account, archived);
    assertThat(folderOf("<m2@example.com>")).isEqualTo(archiveFolder());
    assertThat(provider.fetch(account, archived)).isPresent();

    provider.moveTo(account, moved, "INBOX");
    assertThat(folderOf("<m1@example.com>")).isEqualTo("INBOX");
  }

  // Gmail specifics

  @Test
  void providerIdsAreGmailIdsAndLabelsComeByName() {
    String id = server.deliver(raw("g1", "hello"));

    EmailMessage message = provider.sync(account, null).messages().get(0);

    assertThat(message.providerMessageId()).isEqualTo(id);
    assertThat(message.labels()).contains("INBOX", "UNREAD");
    assertThat(message.receivedAt()).isEqualTo(clock.instant());
    assertThat(provider.type()).isEqualTo(MailProviderType.GMAIL);
  }

  @Test
  void anExpiredAccessTokenIsRefreshedOnceStoredAndReused() {
    deliver(raw("r1", "one"));
    server.expireAccessToken("at-initial");

    SyncBatch batch = provider.sync(account, null);

    assertThat(subjects(batch)).containsExactly("one");
    assertThat(server.tokenEndpoint().requests()).hasSize(1);
    OAuthCredentials renewed = stored(account);
    assertThat(renewed.accessToken()).isNotEqualTo("at-initial");
    assertThat(renewed.refreshToken()).isEqualTo("rt-1");
    assertThat(renewed.expiresAt()).isEqualTo(clock.instant().plusSeconds(3599));
    // a caller still holding the account as loaded before does not cause another refresh
    provider.checkConnection(account);
    assertThat(server.tokenEndpoint().requests()).hasSize(1);
  }

  @Test
  void aTokenAboutToExpireIsRefreshedBeforeUse() {
    EmailAccount expiring = account(new OAuthCredentials("at-initial", "rt-1", clock.instant().plusSeconds(30), null));
    accounts.insert(expiring);

    provider.checkConnection(expiring);

    assertThat(server.tokenEndpoint().requests()).hasSize(1);
    assertThat(stored(expiring).accessToken()).isNotEqualTo("at-initial");
  }

  @Test
  void aRevokedRefreshTokenNeedsReauthenticationOfThatAccountOnly() {
    EmailAccount revoked = account(new OAuthCredentials("at-old", "rt-revoked", clock.instant().plusSeconds(600), null));
    accounts.insert(revoked);
    deliver(raw("x1", "still fine"));

    assertThatThrownBy(() -> provider.sync(revoked, null))
        .isInstanceOfSatisfying(MailProviderException.class, e -> assertThat(e.authentication()).isTrue());
    assertThatThrownBy(() -> provider.markRead(revoked, "18f0a1b2c3d40000", true))
        .isInstanceOfSatisfying(MailProviderException.class, e -> assertThat(e.authentication()).isTrue());
    assertThat(subjects(provider.sync(account, null))).containsExactly("still fine");
  }

  @Test
  void anAccessTokenWithoutRefreshTokenIsUsedUntilRefused() {
    EmailAccount bare = account(new OAuthCredentials("at-initial", null, null, null));

    provider.checkConnection(bare);
    server.expireAccessToken("at-initial");

    assertThatThrownBy(() -> provider.checkConnection(bare))
        .isInstanceOfSatisfying(MailProviderException.class, e -> assertThat(e.authentication()).isTrue());
    assertThat(server.tokenEndpoint().requests()).isEmpty();
  }

  @Test
  void aMissingScopeNeedsReauthentication() {
    server.inject("GET", "/profile$", 403, Map.of(), FakeGmailServer.error(403,
        "Request had insufficient authentication scopes.", "insufficientPermissions", "PERMISSION_DENIED").toString());

    assertThatThrownBy(() -> provider.checkConnection(account))
        .isInstanceOfSatisfying(MailProviderException.class, e -> assertThat(e.authentication()).isTrue());
  }

  @Test
  void rateLimitingWaitsAsLongAsRetryAfterSays() {
    server.inject("GET", "/profile$", 429, Map.of("Retry-After", "7"), FakeGmailServer.error(429,
        "Too many requests", "rateLimitExceeded", "RESOURCE_EXHAUSTED").toString());

    provider.checkConnection(account);

    assertThat(sleeps).containsExactly(7_000L);
    assertThat(requestsTo("/profile")).isEqualTo(2);
  }

  @Test
  void serverErrorsAreRetriedWithExponentialBackoff() {
    deliver(raw("s1", "after errors"));
    String error = FakeGmailServer.error(500, "Backend Error", "backendError", "INTERNAL").toString();
    server.inject("GET", "/messages$", 500, Map.of(), error);
    server.inject("GET", "/messages$", 500, Map.of(), error);

    assertThat(subjects(provider.sync(account, null))).containsExactly("after errors");
    assertThat(sleeps).containsExactly(1_000L, 2_000L);
  }

  @Test
  void retriesAreBounded() {
    for (int i = 0; i < 5; i++) {
      server.inject("GET", "/profile$", 503, Map.of(), FakeGmailServer.error(503, "Service unavailable",
          "backendError", "UNAVAILABLE").toString());
    }

    assertThatThrownBy(() -> provider.checkConnection(account))
        .isInstanceOfSatisfying(MailProviderException.class, e -> {
          assertThat(e.authentication()).isFalse();
          assertThat(e.getMessage()).contains("503").contains("5 attempts");
        });
    assertThat(sleeps).containsExactly(1_000L, 2_000L, 4_000L, 8_000L);
  }

  @Test
  void aRetryAfterBeyondTheLimitFailsAtOnce() {
    server.inject("GET", "/profile$", 429, Map.of("Retry-After", "3600"), "{}");

    assertThatThrownBy(() -> provider.checkConnection(account)).isInstanceOf(MailProviderException.class);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void sendingIsNotRepeatedAfterAServerError() {
    server.inject("POST", "/messages/send$", 500, Map.of(), FakeGmailServer.error(500, "Backend Error",
        "backendError", "INTERNAL").toString());
    OutgoingMessage message = new OutgoingMessage(null, List.of("you@example.com"), List.of(), "hi", "text", null,
        List.of(), Map.of());

    assertThatThrownBy(() -> provider.send(account, message)).isInstanceOf(MailProviderException.class);
    assertThat(requestsTo("/messages/send")).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void tooOldHistoryResyncsWithTheSameIds() {
    deliver(raw("h1", "one"));
    deliver(raw("h2", "two"));
    SyncBatch first = provider.sync(account, null);
    deliver(raw("h3", "three"));
    server.forgetHistory();

    SyncBatch resync = provider.sync(account, first.nextCursor());

    assertThat(resync.fullResync()).isTrue();
    assertThat(resync.messages()).extracting(EmailMessage::providerMessageId).doesNotHaveDuplicates()
        .containsAll(first.messages().stream().map(EmailMessage::providerMessageId).toList());
    assertThat(subjects(resync)).containsExactlyInAnyOrder("one", "two", "three");
    assertThat(provider.sync(account, resync.nextCursor()).messages()).isEmpty();
  }

  @Test
  void malformedAnswersAreProviderFailures() {
    deliver(raw("j1", "json"));
    List<String> answers = List.of("{\"historyId\": {\"not\": \"a number\"}}", "<html>not json</html>",
        "{\"historyId\": \"1\"} trailing", "");
    for (String answer : answers) {
      server.inject("GET", "/profile$", 200, Map.of(), answer);
      assertThatThrownBy(() -> provider.checkConnection(account)).as(answer)
          .isInstanceOfSatisfying(MailProviderException.class, e -> assertThat(e.authentication()).isFalse());
    }
    // a cut answer must not pass for a shorter list
    server.inject("GET", "/messages$", 200, Map.of(), "{\"messages\": [{\"id\": ");
    assertThatThrownBy(() -> provider.sync(account, null)).isInstanceOf(MailProviderException.class);
    assertThat(subjects(provider.sync(account, null))).containsExactly("json");
  }

  @Test
  void theFirstSyncIsCutIntoBatchesAndResumed() {
    GmailMailProvider small = provider(settings(30, 500, 2, MimeLimits.DEFAULT_MAX_MESSAGE_BYTES));
    for (int i = 1; i <= 5; i++) {
      deliver(raw("b" + i, "b" + i));
      clock.advance(Duration.ofMinutes(1));
    }

    SyncBatch first = small.sync(account, null);
    SyncBatch second = small.sync(account, first.nextCursor());
    SyncBatch third = small.sync(account, second.nextCursor());

    assertThat(List.of(first.hasMore(), second.hasMore(), third.hasMore())).containsExactly(true, true, false);
    assertThat(first.fullResync()).isTrue();
    assertThat(subjects(first)).containsExactlyInAnyOrder("b5", "b4"); // newest first
    assertThat(subjects(second)).containsExactlyInAnyOrder("b3", "b2");
    assertThat(subjects(third)).containsExactly("b1");
    deliver(raw("b6", "b6"));
    SyncBatch incremental = small.sync(account, third.nextCursor());
    assertThat(subjects(incremental)).containsExactly("b6");
    assertThat(incremental.fullResync()).isFalse();
  }

  @Test
  void incrementalSyncIsCutIntoBatchesToo() {
    GmailMailProvider small = provider(settings(30, 500, 2, MimeLimits.DEFAULT_MAX_MESSAGE_BYTES));
    SyncBatch start = small.sync(account, null);
    for (int i = 1; i <= 3; i++) deliver(raw("i" + i, "i" + i));

    SyncBatch first = small.sync(account, start.nextCursor());
    SyncBatch second = small.sync(account, first.nextCursor());

    assertThat(subjects(first)).containsExactlyInAnyOrder("i1", "i2");
    assertThat(first.hasMore()).isTrue();
    assertThat(subjects(second)).containsExactly("i3");
    assertThat(second.hasMore()).isFalse();
  }

  @Test
  void theFirstSyncWindowLimitsDaysAndCount() {
    server.deliver(raw("old", "old"), clock.instant().minus(Duration.ofDays(40)));
    for (int i = 1; i <= 3; i++) {
      deliver(raw("n" + i, "n" + i));
      clock.advance(Duration.ofMinutes(1));
    }

    SyncBatch windowed = provider(settings(30, 2, 200, MimeLimits.DEFAULT_MAX_MESSAGE_BYTES)).sync(account, null);
    SyncBatch everything = provider(settings(0, 0, 200, MimeLimits.DEFAULT_MAX_MESSAGE_BYTES)).sync(account, null);

    assertThat(subjects(windowed)).containsExactlyInAnyOrder("n3", "n2");
    assertThat(windowed.hasMore()).isFalse();
    assertThat(requestsTo("newer_than")).isPositive();
    assertThat(subjects(everything)).containsExactlyInAnyOrder("old", "n1", "n2", "n3");
  }

  @Test
  void anOversizeMessageIsReadForItsHeadersOnly() {
    GmailMailProvider limited = provider(settings(30, 500, 200, 2048));
    deliver(raw("big", "big") + "x".repeat(5000) + "\n");

    EmailMessage big = limited.sync(account, null).messages().get(0);

    assertThat(big.subject()).isEqualTo("big");
    assertThat(big.messageIdHeader()).isEqualTo("<big@example.com>");
    assertThat(big.bodyText()).isEmpty();
    assertThat(big.sizeBytes()).isGreaterThan(5000);
    assertThat(big.parseWarnings()).anyMatch(w -> w.contains("only its headers were read"));
    assertThat(requestsTo("format=raw")).isZero();
  }

  @Test
  void aLabelIsCreatedOnceAndSystemLabelsAreUsedByName() {
    deliver(raw("l1", "one"));
    deliver(raw("l2", "two"));
    List<String> ids = provider.sync(account, null).messages().stream().map(EmailMessage::providerMessageId).toList();
    long before = server.labelCount();

    provider.addLabel(account, ids.get(0), "va/newsletter");
    provider.addLabel(account, ids.get(1), "VA/Newsletter");
    provider.addLabel(account, ids.get(0), "IMPORTANT");
    provider.removeLabel(account, ids.get(0), "no such label");

    assertThat(server.labelCount()).isEqualTo(before + 1);
    assertThat(requestsTo("POST /gmail/v1/users/me/labels")).isEqualTo(1);
    assertThat(provider.fetch(account, ids.get(0)).orElseThrow().labels()).contains("va/newsletter", "IMPORTANT");
    assertThat(provider.fetch(account, ids.get(1)).orElseThrow().labels()).contains("va/newsletter");
    assertThatThrownBy(() -> provider.removeLabel(account, "0123456789abcdef", "no such label"))
        .isInstanceOf(MailProviderException.class);
  }

  @Test
  void aReplyJoinsTheThreadOfTheMessageItAnswers() {
    String original = server.deliver(raw("t1", "question"));
    String threadId = server.byMessageId("<t1@example.com>").orElseThrow().threadId;

    String sentId = provider.send(account, new OutgoingMessage(null, List.of("a@example.com"), List.of(), "Re: question",
        "answer", "<t1@example.com>", List.of("<t1@example.com>"), Map.of()));

    FakeGmailServer.Stored sent = server.byMessageId(sentId).orElseThrow();
    assertThat(sentId).isEqualTo("<fake-1@mail.gmail.com>");
    assertThat(sent.threadId).isEqualTo(threadId);
    assertThat(sent.id).isNotEqualTo(original);
    assertThat(sent.labelIds).containsExactly("SENT");
    assertThat(sent.header("In-Reply-To")).isEqualTo("<t1@example.com>");
  }
}
