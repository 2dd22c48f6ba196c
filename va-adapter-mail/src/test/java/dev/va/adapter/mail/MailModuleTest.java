package dev.va.adapter.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.va.adapter.mail.mime.MimeIngest;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.TokenCipher;
import dev.va.domain.mail.MailProviderType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailModuleTest {
  @Test
  void bindsImapAndOutlookProvidersAndOneSharedIngest() {
    MailSettings settings = MailSettings.defaults();
    Injector injector = Guice.createInjector(new MailModule(settings), new AbstractModule() {
      @Override
      protected void configure() {
        bind(TokenCipher.class).toInstance(new InMemoryTokenCipher(List.of("k")));
        bind(Clock.class).toInstance(Clock.systemUTC());
      }
    });

    Map<MailProviderType, MailProvider> providers =
        injector.getInstance(Key.get(new TypeLiteral<Map<MailProviderType, MailProvider>>() {}));

    assertThat(providers).containsOnlyKeys(MailProviderType.IMAP, MailProviderType.OUTLOOK);
    providers.forEach((type, provider) -> assertThat(provider.type()).isEqualTo(type));
    assertThat(injector.getInstance(MimeIngest.class)).isSameAs(injector.getInstance(MimeIngest.class));
    assertThat(injector.getInstance(MimeIngest.class).limits()).isEqualTo(settings.mime());
    assertThat(injector.getInstance(Key.get(new TypeLiteral<Map<MailProviderType, MailProvider>>() {}))
        .get(MailProviderType.IMAP)).isSameAs(providers.get(MailProviderType.IMAP));
  }
}
