package dev.va.adapter.mail;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.va.adapter.mail.imap.ImapAuth;
import dev.va.adapter.mail.imap.ImapMailProvider;
import dev.va.adapter.mail.mime.MimeIngest;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.TokenCipher;
import dev.va.domain.mail.MailProviderType;
import java.time.Clock;

/**
 * Binds the IMAP/SMTP provider into the {@code Map<MailProviderType, MailProvider>} for IMAP (password login) and
 * OUTLOOK (XOAUTH2 with an access token); a Gmail module adds its own entry to the same map. Also binds the
 * {@link MailSettings} and one shared {@link MimeIngest}. Needs a {@link TokenCipher} and a {@link Clock} bound
 * elsewhere.
 */
public final class MailModule extends AbstractModule {
  private final MailSettings settings;

  public MailModule(MailSettings settings) {
    this.settings = settings;
  }

  @Override
  protected void configure() {
    bind(MailSettings.class).toInstance(settings);
    MapBinder<MailProviderType, MailProvider> providers =
        MapBinder.newMapBinder(binder(), MailProviderType.class, MailProvider.class);
    providers.addBinding(MailProviderType.IMAP).to(Key.get(MailProvider.class, Names.named("mail.imap")));
    providers.addBinding(MailProviderType.OUTLOOK).to(Key.get(MailProvider.class, Names.named("mail.outlook")));
  }

  @Provides
  @Singleton
  MimeIngest mimeIngest() {
    return new MimeIngest(settings.mime());
  }

  @Provides
  @Singleton
  @Named("mail.imap")
  MailProvider imap(MimeIngest ingest, TokenCipher cipher, Clock clock) {
    return new ImapMailProvider(MailProviderType.IMAP, ImapAuth.PASSWORD, ingest, cipher, settings, clock);
  }

  @Provides
  @Singleton
  @Named("mail.outlook")
  MailProvider outlook(MimeIngest ingest, TokenCipher cipher, Clock clock) {
    return new ImapMailProvider(MailProviderType.OUTLOOK, ImapAuth.XOAUTH2, ingest, cipher, settings, clock);
  }
}
