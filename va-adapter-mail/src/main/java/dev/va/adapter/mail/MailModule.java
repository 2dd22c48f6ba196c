package dev.va.adapter.mail;

import com.google.api.client.util.Sleeper;
import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.va.adapter.mail.gmail.GmailMailProvider;
import dev.va.adapter.mail.gmail.GmailSettings;
import dev.va.adapter.mail.imap.ImapAuth;
import dev.va.adapter.mail.imap.ImapMailProvider;
import dev.va.adapter.mail.imap.ImapMailboxWatcher;
import dev.va.adapter.mail.mime.MimeIngest;
import dev.va.adapter.mail.oauth.OAuthClient;
import dev.va.adapter.mail.oauth.OAuthClientSettings;
import dev.va.adapter.mail.oauth.OAuthMailAuthorization;
import dev.va.adapter.mail.oauth.OAuthTokenSource;
import dev.va.application.port.out.CredentialStore;
import dev.va.application.port.out.MailAuthorization;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.MailboxWatcher;
import dev.va.application.port.out.TokenCipher;
import dev.va.domain.mail.MailProviderType;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Binds the mail providers into the {@code Map<MailProviderType, MailProvider>}: IMAP (password login), OUTLOOK
 * (IMAP/SMTP with XOAUTH2; access tokens refreshed when a Microsoft OAuth client is configured) and GMAIL (Gmail API,
 * only with {@link GmailSettings}), and the {@link MailboxWatcher} of IMAP and Outlook inboxes (IDLE). The configured
 * OAuth clients go into a {@code Map<MailProviderType, OAuthClient>} (GMAIL: Google, OUTLOOK: Microsoft), which the
 * {@link MailAuthorization} uses. Also binds the {@link MailSettings} and one shared {@link MimeIngest}. Needs a
 * {@link TokenCipher}, a {@link CredentialStore} and a {@link Clock} bound
 * elsewhere.
 */
public final class MailModule extends AbstractModule {
  private final MailSettings settings;
  private final GmailSettings gmail;
  private final OAuthClientSettings microsoft;

  public MailModule(MailSettings settings) {
    this(settings, null, null);
  }

  private MailModule(MailSettings settings, GmailSettings gmail, OAuthClientSettings microsoft) {
    this.settings = settings;
    this.gmail = gmail;
    this.microsoft = microsoft;
  }

  /** Offers Gmail, through the Gmail API with this Google OAuth client. */
  public MailModule withGmail(GmailSettings gmailSettings) {
    return new MailModule(settings, gmailSettings, microsoft);
  }

  /** Refreshes the access tokens of Outlook accounts with this Microsoft identity platform client. */
  public MailModule withMicrosoft(OAuthClientSettings microsoftClient) {
    return new MailModule(settings, gmail, microsoftClient);
  }

  @Override
  protected void configure() {
    bind(MailSettings.class).toInstance(settings);
    MapBinder<MailProviderType, MailProvider> providers =
        MapBinder.newMapBinder(binder(), MailProviderType.class, MailProvider.class);
    providers.addBinding(MailProviderType.IMAP).to(Key.get(ImapMailProvider.class, Names.named("mail.imap")));
    providers.addBinding(MailProviderType.OUTLOOK).to(Key.get(ImapMailProvider.class, Names.named("mail.outlook")));
    MapBinder<MailProviderType, OAuthClient> clients =
        MapBinder.newMapBinder(binder(), MailProviderType.class, OAuthClient.class);
    if (gmail != null) {
      install(new GmailProviders());
      providers.addBinding(MailProviderType.GMAIL).to(Key.get(MailProvider.class, Names.named("mail.gmail")));
      clients.addBinding(MailProviderType.GMAIL).to(Key.get(OAuthClient.class, Names.named("oauth.google")));
    }
    if (microsoft != null) {
      install(new MicrosoftProviders());
      clients.addBinding(MailProviderType.OUTLOOK).to(Key.get(OAuthClient.class, Names.named("oauth.microsoft")));
    }
  }

  @Provides
  @Singleton
  MimeIngest mimeIngest() {
    return new MimeIngest(settings.mime());
  }

  @Provides
  @Singleton
  MailAuthorization authorization(Map<MailProviderType, OAuthClient> clients, TokenCipher cipher) {
    return new OAuthMailAuthorization(clients, cipher);
  }

  @Provides
  @Singleton
  @Named("mail.imap")
  ImapMailProvider imap(MimeIngest ingest, TokenCipher cipher, Clock clock) {
    return new ImapMailProvider(MailProviderType.IMAP, ImapAuth.PASSWORD, ingest, cipher, settings, clock);
  }

  @Provides
  @Singleton
  @Named("mail.outlook")
  ImapMailProvider outlook(MimeIngest ingest, TokenCipher cipher, CredentialStore store, Clock clock) {
    OAuthClient client = microsoft == null ? null : new OAuthClient(microsoft, settings.readTimeout(), clock);
    return new ImapMailProvider(MailProviderType.OUTLOOK, new OAuthTokenSource(client, cipher, store, clock), ingest,
        cipher, settings, clock);
  }

  /**
   * IDLE watches of IMAP and Outlook inboxes, connecting as their providers do. Holds no thread until a watch starts;
   * whoever starts watches closes it.
   */
  @Provides
  @Singleton
  ImapMailboxWatcher imapWatcher(@Named("mail.imap") ImapMailProvider imap,
      @Named("mail.outlook") ImapMailProvider outlook) {
    return new ImapMailboxWatcher(List.of(imap, outlook), ImapMailboxWatcher.Settings.defaults());
  }

  @Provides
  @Singleton
  MailboxWatcher watcher(ImapMailboxWatcher imap) {
    return imap;
  }

  /** Only installed when Gmail is configured: a production injector creates every singleton it knows at start. */
  private final class GmailProviders extends AbstractModule {
    @Provides
    @Singleton
    @Named("oauth.google")
    OAuthClient google(Clock clock) {
      return new OAuthClient(gmail.oauth(), settings.readTimeout(), clock);
    }

    @Provides
    @Singleton
    @Named("mail.gmail")
    MailProvider gmail(@Named("oauth.google") OAuthClient google, MimeIngest ingest, TokenCipher cipher,
        CredentialStore store, Clock clock) {
      return new GmailMailProvider(gmail, settings, ingest, new OAuthTokenSource(google, cipher, store, clock),
          Sleeper.DEFAULT, clock);
    }
  }

  /** Only installed when a Microsoft client is configured. */
  private final class MicrosoftProviders extends AbstractModule {
    @Provides
    @Singleton
    @Named("oauth.microsoft")
    OAuthClient microsoftClient(Clock clock) {
      return new OAuthClient(microsoft, settings.readTimeout(), clock);
    }
  }
}
