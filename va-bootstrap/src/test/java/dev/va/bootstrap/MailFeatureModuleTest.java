package dev.va.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.va.application.audit.AuditTrail;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.fake.RecordingJobQueue;
import dev.va.application.fake.SettableClock;
import dev.va.application.job.JobHandler;
import dev.va.application.mail.MailAccountService;
import dev.va.application.mail.MailSyncJobHandler;
import dev.va.application.port.in.MailUseCases;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.TokenCipher;
import dev.va.domain.mail.MailProviderType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MailFeatureModuleTest {
  private final Injector injector = Guice.createInjector(new MailFeatureModule(), binder -> {
    InMemoryRepositories repositories = new InMemoryRepositories();
    SettableClock clock = new SettableClock(Instant.parse("2025-06-01T00:00:00Z"));
    binder.bind(Clock.class).toInstance(clock);
    binder.bind(EmailAccountRepository.class).toInstance(repositories.accounts());
    binder.bind(EmailMessageRepository.class).toInstance(repositories.messages());
    binder.bind(ScheduledTaskRepository.class).toInstance(repositories.tasks());
    binder.bind(JobQueue.class).toInstance(new RecordingJobQueue(clock).queue());
    binder.bind(TokenCipher.class).toInstance(new InMemoryTokenCipher(List.of("k")));
    binder.bind(AuditTrail.class).toInstance(new AuditTrail(repositories.audit(), clock));
  });

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
}
