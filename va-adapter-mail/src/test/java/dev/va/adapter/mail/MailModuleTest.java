package dev.va.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.va.adapter.mail.gmail.GmailMailProvider;
import dev.va.adapter.mail.gmail.GmailSettings;
import dev.va.adapter.mail.mime.MimeIngest;
import dev.va.adapter.mail.oauth.OAuthClient;
import dev.va.adapter.mail.oauth.OAuthClientSettings;
import dev.va.application.fake.InMemoryEmailAccountRepository;
import dev.va.application.fake.InMemoryEmailMessageRepository;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.mail.AccountCredentialStore;
import dev.va.application.port.out.CredentialStore;
import dev.va.application.port.out.MailAuthorization;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.TokenCipher;
import dev.va.domain.mail.MailProviderType;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailModuleTest {
  private static final TypeLiteral<Map<MailProviderType, MailProvider>> PROVIDERS = new TypeLiteral<>() {};
  private static final TypeLiteral<Map<MailProviderType, OAuthClient>> CLIENTS = new TypeLiteral<>() {};
  private static final URI REDIRECT = URI.create("https://va.example.com/oauth/callback");

  private static Injector injector(MailModule module) {
    // PRODUCTION, as the server runs: every singleton is created at once, so an unconfigured provider must not exist
    return Guice.createInjector(com.google.inject.Stage.PRODUCTION, module, new AbstractModule() {
      @Override
      protected void configure() {
        bind(TokenCipher.class).toInstance(new InMemoryTokenCipher(List.of("k")));
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(CredentialStore.class).toInstance(new AccountCredentialStore(
            new InMemoryEmailAccountRepository(new InMemoryEmailMessageRepository()), Clock.systemUTC()));
      }
    });
  }

  @Test
  void withoutOAuthClientsGmailIsNotOffered() {
    MailSettings settings = MailSettings.defaults();
    Injector injector = injector(new MailModule(settings));

    Map<MailProviderType, MailProvider> providers = injector.getInstance(Key.get(PROVIDERS));

    assertThat(providers).containsOnlyKeys(MailProviderType.IMAP, MailProviderType.OUTLOOK);
    providers.forEach((type, provider) -> assertThat(provider.type()).isEqualTo(type));
    assertThat(injector.getInstance(Key.get(CLIENTS))).isEmpty();
    assertThat(injector.getInstance(MimeIngest.class)).isSameAs(injector.getInstance(MimeIngest.class));
    assertThat(injector.getInstance(MimeIngest.class).limits()).isEqualTo(settings.mime());
    assertThat(injector.getInstance(Key.get(PROVIDERS)).get(MailProviderType.IMAP))
        .isSameAs(providers.get(MailProviderType.IMAP));
    assertThat(injector.getInstance(MailAuthorization.class).providers()).isEmpty();
  }

  @Test
  void configuredClientsOfferGmailAndRefreshOutlookTokens() {
    OAuthClientSettings google = OAuthClientSettings.google("g-client", "g-secret", REDIRECT);
    OAuthClientSettings microsoft = OAuthClientSettings.microsoft("common", "m-client", "m-secret", REDIRECT);
    Injector injector = injector(new MailModule(MailSettings.defaults())
        .withGmail(GmailSettings.defaults(google)).withMicrosoft(microsoft));

    Map<MailProviderType, MailProvider> providers = injector.getInstance(Key.get(PROVIDERS));
    Map<MailProviderType, OAuthClient> clients = injector.getInstance(Key.get(CLIENTS));

    assertThat(providers).containsOnlyKeys(MailProviderType.values());
    assertThat(providers.get(MailProviderType.GMAIL)).isInstanceOf(GmailMailProvider.class);
    providers.forEach((type, provider) -> assertThat(provider.type()).isEqualTo(type));
    assertThat(clients).containsOnlyKeys(MailProviderType.GMAIL, MailProviderType.OUTLOOK);
    assertThat(clients.get(MailProviderType.GMAIL).settings()).isEqualTo(google);
    assertThat(clients.get(MailProviderType.OUTLOOK).settings()).isEqualTo(microsoft);
    assertThat(injector.getInstance(MailAuthorization.class).providers())
        .containsExactlyInAnyOrder(MailProviderType.GMAIL, MailProviderType.OUTLOOK);
  }
}
