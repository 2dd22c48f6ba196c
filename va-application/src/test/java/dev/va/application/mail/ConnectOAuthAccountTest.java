package dev.va.application.mail;

import static dev.va.application.fixture.EmailAccountBuilder.anImapAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.fake.InMemoryMailAuthorization;
import dev.va.application.fake.InMemoryNonceStore;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.InMemorySecureTokens;
import dev.va.application.fake.RecordingJobQueue;
import dev.va.application.fake.RecordingMailAccountChanges;
import dev.va.application.fake.SettableClock;
import dev.va.application.fixture.UserBuilder;
import dev.va.application.oauth.OAuthStateService;
import dev.va.application.port.in.MailUseCases.CompleteOAuthCommand;
import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.MailAuthorization.AuthorizationException;
import dev.va.application.port.out.MailAuthorizationContract;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.job.Job;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectOAuthAccountTest {
  private static final Instant START = Instant.parse("2025-06-02T08:00:00Z");
  private static final RequestMeta META = new RequestMeta("req-7", "203.0.113.7");
  private static final byte[] KEY = "a-state-key-of-at-least-32-bytes".getBytes(StandardCharsets.US_ASCII);

  private final SettableClock clock = new SettableClock(START);
  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final RecordingJobQueue queue = new RecordingJobQueue(clock);
  private final RecordingMailAccountChanges changes = new RecordingMailAccountChanges();
  private final InMemoryMailAuthorization provider =
      new InMemoryMailAuthorization(Set.of(MailProviderType.GMAIL, MailProviderType.OUTLOOK));
  private final ConnectOAuthAccount connect = service(provider);
  private final User ada = user();

  private ConnectOAuthAccount service(InMemoryMailAuthorization authorization) {
    return new ConnectOAuthAccount(repositories.accounts(), repositories.tasks(), queue.queue(),
        repositories.users(), authorization, states(), new AuditTrail(repositories.audit(), clock), changes, clock,
        MailAccountService.DEFAULT_SYNC_INTERVAL);
  }

  private OAuthStateService states() {
    return new OAuthStateService(KEY, new InMemoryNonceStore(clock), new InMemorySecureTokens(), clock,
        OAuthStateService.DEFAULT_TTL);
  }

  private User user() {
    User user = UserBuilder.aUser().build();
    repositories.users().insert(user);
    return user;
  }

  /** The browser comes back from the consent page of {@code url}, where the user consented as {@code email}. */
  private EmailAccount callback(MailProviderType provider, URI url, String email, UserId caller) {
    return connect.complete(new CompleteOAuthCommand(provider, state(url), this.provider.consent(url, email), caller,
        META));
  }

  private static String state(URI url) {
    return MailAuthorizationContract.query(url).get("state");
  }

  private static void assertInvalid(Runnable call, String field, String message) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainValidationException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.getMessage()).contains(message);
    });
  }

  @Test
  void start_sends_the_browser_to_the_provider_with_a_state_and_a_pkce_challenge() {
    URI url = connect.start(ada.id(), MailProviderType.GMAIL);

    Map<String, String> query = MailAuthorizationContract.query(url);
    assertThat(url.getPath()).isEqualTo("/gmail");
    assertThat(query.get("state")).startsWith("v1.");
    assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
    assertThat(query.get("code_challenge_method")).isEqualTo("S256");
    assertThat(repositories.accounts().listByUser(ada.id())).isEmpty();
  }

  @Test
  void a_gmail_callback_stores_the_account_with_its_credentials_schedules_its_sync_and_audits_it() {
    URI url = connect.start(ada.id(), MailProviderType.GMAIL);

    EmailAccount account = callback(MailProviderType.GMAIL, url, "Ada@Gmail.example", null);

    assertThat(repositories.accounts().findById(ada.id(), account.id())).contains(account);
    assertThat(account.provider()).isEqualTo(MailProviderType.GMAIL);
    assertThat(account.address().value()).isEqualTo("ada@gmail.example");
    assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(account.imap()).isNull();
    assertThat(account.smtp()).isNull();
    assertThat(account.credentials().token()).startsWith("fake-credentials-");
    ScheduledTask task = repositories.tasks().listByUser(ada.id()).get(0);
    assertThat(task.jobType()).isEqualTo(MailJobs.SYNC);
    assertThat(task.metadata()).isEqualTo(Map.of("account_id", account.id().toString()));
    assertThat(task.nextFireAt()).isEqualTo(START);
    AuditEvent event = repositories.audit().all().get(0);
    assertThat(event.action()).isEqualTo("account.connected");
    assertThat(event.actor()).isEqualTo(ada.id());
    assertThat(event.targetId()).isEqualTo(account.id().toString());
    assertThat(event.requestId()).isEqualTo("req-7");
    assertThat(event.details()).isEqualTo(Map.of("address", "ada@gmail.example", "provider", "GMAIL"));
  }

  @Test
  void an_outlook_account_reads_exchange_online_over_imap_and_smtp() {
    URI url = connect.start(ada.id(), MailProviderType.OUTLOOK);

    EmailAccount account = callback(MailProviderType.OUTLOOK, url, "ada@contoso.example", ada.id());

    assertThat(account.provider()).isEqualTo(MailProviderType.OUTLOOK);
    assertThat(account.imap()).isEqualTo(new ServerEndpoint("outlook.office365.com", 993, ServerEndpoint.Security.TLS));
    assertThat(account.smtp())
        .isEqualTo(new ServerEndpoint("smtp.office365.com", 587, ServerEndpoint.Security.STARTTLS));
    assertThat(account.username()).isNull(); // the address logs in
  }

  @Test
  void an_outlook_account_reads_the_configured_servers_when_they_are_not_exchange_online() {
    ConnectOAuthAccount.OutlookServers national = new ConnectOAuthAccount.OutlookServers(
        new ServerEndpoint("outlook.office365.us", 993, ServerEndpoint.Security.TLS),
        new ServerEndpoint("smtp.office365.us", 587, ServerEndpoint.Security.STARTTLS));
    ConnectOAuthAccount connectNational = new ConnectOAuthAccount(repositories.accounts(), repositories.tasks(),
        queue.queue(), repositories.users(), provider, states(), new AuditTrail(repositories.audit(), clock), changes,
        clock, MailAccountService.DEFAULT_SYNC_INTERVAL, national);
    URI url = connectNational.start(ada.id(), MailProviderType.OUTLOOK);

    EmailAccount account = connectNational.complete(new CompleteOAuthCommand(MailProviderType.OUTLOOK, state(url),
        provider.consent(url, "ada@agency.example"), ada.id(), META));

    assertThat(account.imap()).isEqualTo(national.imap());
    assertThat(account.smtp()).isEqualTo(national.smtp());
  }

  @Test
  void connecting_the_same_address_again_reauthorizes_the_account_that_waits_for_credentials() {
    EmailAccount first = callback(MailProviderType.GMAIL, connect.start(ada.id(), MailProviderType.GMAIL),
        "ada@gmail.example", null);
    clock.set(START.plus(Duration.ofHours(1)));
    repositories.accounts().update(first.synced("history:1", clock.instant())
        .credentialsRefused("token refresh failed: invalid_grant", clock.instant()));

    EmailAccount again = callback(MailProviderType.GMAIL, connect.start(ada.id(), MailProviderType.GMAIL),
        "ada@gmail.example", null);

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(again.lastError()).isNull();
    assertThat(again.syncCursor()).isEqualTo("history:1");
    assertThat(again.credentials()).isNotEqualTo(first.credentials());
    assertThat(repositories.accounts().listByUser(ada.id())).containsExactly(again);
    assertThat(repositories.tasks().listByUser(ada.id())).hasSize(1);
    Job sync = queue.enqueued(MailJobs.SYNC).get(0);
    assertThat(sync.payload()).isEqualTo(MailJobs.syncPayload(first.id(), false));
    assertThat(repositories.audit().all()).last()
        .satisfies(e -> assertThat(e.details()).containsEntry("reauthorized", "true"));
  }

  @Test
  void a_reauthorization_clears_the_backoff_of_failed_syncs() {
    EmailAccount first = callback(MailProviderType.GMAIL, connect.start(ada.id(), MailProviderType.GMAIL),
        "ada@gmail.example", null);
    repositories.accounts().update(first.syncFailed("timeout", START).syncFailed("timeout", START));

    EmailAccount again = callback(MailProviderType.GMAIL, connect.start(ada.id(), MailProviderType.GMAIL),
        "ada@gmail.example", null);

    assertThat(again.syncFailures()).isZero();
    assertThat(again.status()).isEqualTo(AccountStatus.ACTIVE);
  }

  @Test
  void connecting_and_reauthorizing_an_outlook_account_each_tell_the_account_changes() {
    EmailAccount first = callback(MailProviderType.OUTLOOK, connect.start(ada.id(), MailProviderType.OUTLOOK),
        "ada@contoso.example", ada.id());
    assertThat(changes.changed()).containsExactly(first.id());
    repositories.accounts().update(first.credentialsRefused("token refresh failed: invalid_grant", START));

    EmailAccount again = callback(MailProviderType.OUTLOOK, connect.start(ada.id(), MailProviderType.OUTLOOK),
        "ada@contoso.example", ada.id());

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(changes.changed()).containsExactly(first.id(), first.id());
  }

  @Test
  void an_address_connected_through_another_provider_is_a_duplicate() {
    repositories.accounts().insert(anImapAccount(ada.id()).address("ada@gmail.example").build());
    URI url = connect.start(ada.id(), MailProviderType.GMAIL);

    assertThatThrownBy(() -> callback(MailProviderType.GMAIL, url, "ada@gmail.example", null))
        .isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("email"));
    assertThat(changes.changed()).isEmpty();
  }

  @Test
  void another_user_connecting_the_same_address_gets_an_account_of_their_own() {
    User bob = user();
    EmailAccount adas = callback(MailProviderType.GMAIL, connect.start(ada.id(), MailProviderType.GMAIL),
        "shared@gmail.example", null);

    EmailAccount bobs = callback(MailProviderType.GMAIL, connect.start(bob.id(), MailProviderType.GMAIL),
        "shared@gmail.example", null);

    assertThat(bobs.id()).isNotEqualTo(adas.id());
    assertThat(bobs.userId()).isEqualTo(bob.id());
  }

  @Test
  void a_state_is_good_once() {
    URI url = connect.start(ada.id(), MailProviderType.GMAIL);
    callback(MailProviderType.GMAIL, url, "ada@gmail.example", null);

    assertInvalid(() -> callback(MailProviderType.GMAIL, url, "ada@gmail.example", null), "state", "used before");
  }

  @Test
  void an_expired_state_is_refused() {
    URI url = connect.start(ada.id(), MailProviderType.GMAIL);
    clock.set(START.plus(OAuthStateService.DEFAULT_TTL));

    assertInvalid(() -> callback(MailProviderType.GMAIL, url, "ada@gmail.example", null), "state", "expired");
  }

  @Test
  void a_tampered_state_is_refused() {
    URI url = connect.start(ada.id(), MailProviderType.GMAIL);
    String state = state(url);
    String[] parts = state.split("\\.");
    String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

    assertInvalid(() -> connect.complete(new CompleteOAuthCommand(MailProviderType.GMAIL, forged,
        provider.consent(url, "ada@gmail.example"), null, META)), "state", "forged");
    assertInvalid(() -> connect.complete(new CompleteOAuthCommand(MailProviderType.GMAIL, "v1.garbage",
        provider.consent(url, "ada@gmail.example"), null, META)), "state", "malformed");
  }

  @Test
  void a_state_of_another_provider_is_refused() {
    URI url = connect.start(ada.id(), MailProviderType.OUTLOOK);

    assertInvalid(() -> connect.complete(new CompleteOAuthCommand(MailProviderType.GMAIL, state(url), "code-1", null,
        META)), "state", "another provider");
  }

  @Test
  void a_callback_made_by_another_signed_in_user_is_refused() {
    User mallory = user();
    URI url = connect.start(ada.id(), MailProviderType.GMAIL);

    assertInvalid(() -> callback(MailProviderType.GMAIL, url, "mallory@gmail.example", mallory.id()), "state",
        "another user");
    assertThat(repositories.accounts().listAll()).isEmpty();
  }

  @Test
  void the_state_of_a_deleted_user_connects_nothing() {
    URI url = connect.start(ada.id(), MailProviderType.GMAIL);
    repositories.users().delete(ada.id());

    assertInvalid(() -> callback(MailProviderType.GMAIL, url, "ada@gmail.example", null), "state", "no longer exists");
    assertThat(repositories.accounts().listAll()).isEmpty();
  }

  @Test
  void a_code_the_provider_refuses_is_reported_on_the_code_field() {
    URI url = connect.start(ada.id(), MailProviderType.GMAIL);
    provider.consent(url, "ada@gmail.example");

    assertInvalid(() -> connect.complete(new CompleteOAuthCommand(MailProviderType.GMAIL, state(url), "not-a-code",
        null, META)), "code", "refused the authorization code");
    assertThat(repositories.accounts().listAll()).isEmpty();
  }

  @Test
  void a_provider_that_cannot_be_reached_is_not_the_codes_fault() {
    URI url = connect.start(ada.id(), MailProviderType.GMAIL);
    String code = provider.consent(url, "ada@gmail.example");
    provider.setUnreachable(true);

    assertThatThrownBy(() -> connect.complete(new CompleteOAuthCommand(MailProviderType.GMAIL, state(url), code, null,
        META))).isInstanceOfSatisfying(AuthorizationException.class, e -> assertThat(e.refused()).isFalse());
    assertThat(repositories.accounts().listAll()).isEmpty();
  }

  @Test
  void a_grant_without_an_address_connects_nothing() {
    URI url = connect.start(ada.id(), MailProviderType.GMAIL);

    assertInvalid(() -> callback(MailProviderType.GMAIL, url, null, null), "code", "did not tell the address");
    assertThat(repositories.accounts().listAll()).isEmpty();
  }

  @Test
  void a_provider_without_an_oauth_client_is_not_offered() {
    ConnectOAuthAccount gmailOnly = service(new InMemoryMailAuthorization(Set.of(MailProviderType.GMAIL)));

    assertThatThrownBy(() -> gmailOnly.start(ada.id(), MailProviderType.OUTLOOK))
        .isInstanceOfSatisfying(ProviderNotConfiguredException.class,
            e -> assertThat(e.provider()).isEqualTo(MailProviderType.OUTLOOK));
    assertThatThrownBy(() -> gmailOnly.complete(new CompleteOAuthCommand(MailProviderType.OUTLOOK, "v1.a.b", "c",
        null, META))).isInstanceOf(ProviderNotConfiguredException.class);
    assertThatThrownBy(() -> connect.start(ada.id(), MailProviderType.IMAP))
        .isInstanceOf(ProviderNotConfiguredException.class);
  }

  @Test
  void the_command_requires_a_state_and_a_code() {
    assertInvalid(() -> new CompleteOAuthCommand(MailProviderType.GMAIL, " ", "code", null, META), "state", "state");
    assertInvalid(() -> new CompleteOAuthCommand(MailProviderType.GMAIL, "state", null, null, META), "code", "code");
    assertInvalid(() -> new CompleteOAuthCommand(MailProviderType.GMAIL, "s".repeat(4097), "code", null, META),
        "state", "state");
  }
}
