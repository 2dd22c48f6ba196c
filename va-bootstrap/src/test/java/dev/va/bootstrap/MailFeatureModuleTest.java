package dev.va.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.va.application.audit.AuditTrail;
import dev.va.adapter.mail.gmail.GmailSettings;
import dev.va.adapter.mail.oauth.OAuthClientSettings;
import dev.va.application.fake.InMemoryNonceStore;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.InMemorySecureTokens;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.fake.RecordingJobQueue;
import dev.va.application.fake.SettableClock;
import dev.va.application.job.JobHandler;
import dev.va.application.mail.ConnectOAuthAccount;
import dev.va.application.mail.MailAccountService;
import dev.va.application.mail.MailSyncJobHandler;
import dev.va.application.port.in.MailUseCases;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.MailAccountChanges;
import dev.va.application.port.out.MailAuthorization;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.NonceStore;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.SecureTokens;
import dev.va.application.port.out.TokenCipher;
import dev.va.application.port.out.UserRepository;
import dev.va.bootstrap.security.KeyDerivation;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.user.UserId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import dev.va.bootstrap.config.ConfigLoader;
import dev.va.bootstrap.config.ConfigException;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import java.nio.file.Files;
import java.io.InputStream;

class MailFeatureModuleTest {
  private static final String SECRET_KEY = "a-secret-key-of-at-least-32-characters";

  private final Injector injector = injector(MailFeatureModule.Settings.defaults());

  private static Injector injector(MailFeatureModule.Settings settings) {
    return Guice.createInjector(new MailFeatureModule(settings), binder -> {
      InMemoryRepositories repositories = new InMemoryRepositories();
      SettableClock clock = new SettableClock(Instant.parse("2025-06-01T00:00:00Z"));
      binder.bind(Clock.class).toInstance(clock);
      binder.bind(EmailAccountRepository.class).toInstance(repositories.accounts());
      binder.bind(EmailMessageRepository.class).toInstance(repositories.messages());
      binder.bind(ScheduledTaskRepository.class).toInstance(repositories.tasks());
      binder.bind(UserRepository.class).toInstance(repositories.users());
      binder.bind(JobQueue.class).toInstance(new RecordingJobQueue(clock).queue());
      binder.bind(TokenCipher.class).toInstance(new InMemoryTokenCipher(List.of("k")));
      binder.bind(SecureTokens.class).toInstance(new InMemorySecureTokens());
      binder.bind(NonceStore.class).toInstance(new InMemoryNonceStore(clock));
      binder.bind(SecurityModule.Keys.class).toInstance(new SecurityModule.Keys(List.of(), SECRET_KEY));
      binder.bind(AuditTrail.class).toInstance(new AuditTrail(repositories.audit(), clock));
    });
  }

  @Test
  void account_changes_reach_the_watch_runtime_only_with_imap_idle() {
    assertThat(injector.getInstance(MailAccountChanges.class)).isSameAs(MailAccountChanges.NONE);

    Injector idle = injector(MailFeatureModule.Settings.defaults().withImapIdle(true));
    assertThat(idle.getInstance(MailAccountChanges.class)).isSameAs(idle.getInstance(MailWatchRuntime.class));
  }

  @Test
  void the_worker_pool_gets_the_mail_sync_handler() {
    Set<JobHandler> handlers = injector.getInstance(Key.get(new TypeLiteral<Set<JobHandler>>() {}));

    assertThat(handlers).singleElement().isInstanceOf(MailSyncJobHandler.class)
        .extracting(JobHandler::type).isEqualTo("mail.sync");
  }

  @Test
  void the_account_use_cases_share_one_service_over_the_imap_providers() {
    MailAccountService service = injector.getInstance(MailAccountService.class);

    assertThat(injector.getInstance(MailUseCases.ConnectImapAccount.class)).isSameAs(service);
    assertThat(injector.getInstance(MailUseCases.SyncAccountNow.class)).isSameAs(service);
    assertThat(injector.getInstance(MailUseCases.GetMessage.class))
        .isSameAs(injector.getInstance(MailUseCases.ListMessages.class));
    Map<MailProviderType, MailProvider> providers =
        injector.getInstance(Key.get(new TypeLiteral<Map<MailProviderType, MailProvider>>() {}));
    assertThat(providers).containsOnlyKeys(MailProviderType.IMAP, MailProviderType.OUTLOOK);
  }

  @Test
  void oauth_connections_are_offered_for_the_configured_clients_only() {
    MailAuthorization none = injector.getInstance(MailAuthorization.class);
    OAuthClientSettings google = OAuthClientSettings.google("g-id", "g-secret",
        URI.create("https://va.example.com/api/v1/auth/gmail/callback"));
    OAuthClientSettings microsoft = OAuthClientSettings.microsoft("common", "m-id", "m-secret",
        URI.create("https://va.example.com/api/v1/auth/microsoft/callback"));

    Injector both = injector(MailFeatureModule.Settings.defaults().withGmail(GmailSettings.defaults(google))
        .withMicrosoft(microsoft));

    assertThat(none.providers()).isEmpty();
    assertThat(both.getInstance(MailAuthorization.class).providers())
        .containsExactlyInAnyOrder(MailProviderType.GMAIL, MailProviderType.OUTLOOK);
    assertThat(both.getInstance(Key.get(new TypeLiteral<Map<MailProviderType, MailProvider>>() {})))
        .containsOnlyKeys(MailProviderType.IMAP, MailProviderType.OUTLOOK, MailProviderType.GMAIL);
    ConnectOAuthAccount connect = both.getInstance(ConnectOAuthAccount.class);
    assertThat(both.getInstance(MailUseCases.StartOAuthConnection.class)).isSameAs(connect);
    assertThat(both.getInstance(MailUseCases.CompleteOAuthConnection.class)).isSameAs(connect);
    URI consent = connect.start(UserId.random(), MailProviderType.GMAIL);
    assertThat(consent.toString()).startsWith("https://accounts.google.com/o/oauth2/v2/auth?")
        .contains("client_id=g-id", "state=v1.");
  }

  @Test
  void the_state_key_is_derived_from_the_secret_key() {
    SecurityModule.Keys keys = new SecurityModule.Keys(List.of(), SECRET_KEY);

    assertThat(keys.oauthStateKey()).hasSize(32)
        .isEqualTo(KeyDerivation.derive(SECRET_KEY.getBytes(StandardCharsets.UTF_8), "va oauth state v1"))
        .isNotEqualTo(SECRET_KEY.getBytes(StandardCharsets.UTF_8));
  }
  @Test
  void theTrustFileIsReadAtStartAndAnUnusableOneNamesItsVariable(@TempDir Path dir) throws Exception {
    Path pem = dir.resolve("ca.pem");
    try (InputStream in = MailFeatureModuleTest.class.getResourceAsStream("/tls/test-server.pem")) {
      Files.copy(in, pem);
    }
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate");

    MailFeatureModule.Settings settings = VaModules.mail(ConfigLoader.load(Map.of(
        ConfigLoader.MAIL_TLS_TRUST_FILE, pem.toString(), ConfigLoader.MAIL_IMAP_IDLE, "yes")));

    assertThat(settings.imapIdle()).isTrue();
    assertThat(settings.mail().trust().socketFactory()).isPresent();
    assertThat(VaModules.mail(ConfigLoader.load(Map.of())).mail().trust().socketFactory()).isEmpty();
    assertThat(VaModules.mail(ConfigLoader.load(Map.of())).imapIdle()).isFalse();
    assertThatThrownBy(() -> VaModules.mail(ConfigLoader.load(Map.of(
        ConfigLoader.MAIL_TLS_TRUST_FILE, garbage.toString()))))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("MAIL_TLS_TRUST_FILE: ");
  }
}
