package dev.va.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.va.adapter.mail.MailModule;
import dev.va.adapter.mail.MailSettings;
import dev.va.application.audit.AuditTrail;
import dev.va.application.job.JobHandler;
import dev.va.application.mail.MailAccountService;
import dev.va.application.mail.MailMessageService;
import dev.va.application.mail.MailSyncJobHandler;
import dev.va.application.mail.MailSyncService;
import dev.va.application.port.in.MailUseCases;
import dev.va.application.mail.AccountCredentialStore;
import dev.va.application.port.out.CredentialStore;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.TokenCipher;
import dev.va.domain.mail.MailProviderType;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Mailboxes: the IMAP/SMTP providers ({@link MailModule}), the mail use cases and the {@code mail.sync} job handler
 * (added to the {@code Set<JobHandler>} the worker pool runs). Needs the repositories, the job queue, the token
 * cipher, the audit trail and the clock bound elsewhere.
 */
public final class MailFeatureModule extends AbstractModule {
  /** The mail adapter's settings, how often each account syncs, and how syncs run and back off. */
  public record Settings(MailSettings mail, Duration syncInterval, MailSyncService.Settings sync) {
    public static Settings defaults() {
      return new Settings(MailSettings.defaults(), MailAccountService.DEFAULT_SYNC_INTERVAL,
          MailSyncService.Settings.defaults());
    }
  }

  private final Settings settings;

  public MailFeatureModule() {
    this(Settings.defaults());
  }

  public MailFeatureModule(Settings settings) {
    this.settings = settings;
  }

  @Override
  protected void configure() {
    install(new MailModule(settings.mail()));
    bind(MailUseCases.ConnectImapAccount.class).to(MailAccountService.class);
    bind(MailUseCases.ListAccounts.class).to(MailAccountService.class);
    bind(MailUseCases.GetAccount.class).to(MailAccountService.class);
    bind(MailUseCases.RemoveAccount.class).to(MailAccountService.class);
    bind(MailUseCases.SyncAccountNow.class).to(MailAccountService.class);
    bind(MailUseCases.ListMessages.class).to(MailMessageService.class);
    bind(MailUseCases.ListProcessedMessages.class).to(MailMessageService.class);
    bind(MailUseCases.GetMessage.class).to(MailMessageService.class);
    Multibinder.newSetBinder(binder(), JobHandler.class).addBinding().to(MailSyncJobHandler.class);
  }

  @Provides
  @Singleton
  MailAccountService accountService(EmailAccountRepository accounts, ScheduledTaskRepository tasks, JobQueue queue,
      Map<MailProviderType, MailProvider> providers, TokenCipher cipher, AuditTrail audit, Clock clock) {
    return new MailAccountService(accounts, tasks, queue, providers, cipher, audit, clock, settings.syncInterval());
  }

  /** Where providers save OAuth tokens they refreshed. */
  @Provides
  @Singleton
  CredentialStore credentialStore(EmailAccountRepository accounts, Clock clock) {
    return new AccountCredentialStore(accounts, clock);
  }

  @Provides
  @Singleton
  MailMessageService messageService(EmailMessageRepository messages) {
    return new MailMessageService(messages);
  }

  @Provides
  @Singleton
  MailSyncService syncService(EmailAccountRepository accounts, EmailMessageRepository messages,
      Map<MailProviderType, MailProvider> providers, JobQueue queue, Clock clock) {
    return new MailSyncService(accounts, messages, providers, queue, clock, settings.sync());
  }

  @Provides
  @Singleton
  MailSyncJobHandler syncJobHandler(MailSyncService sync) {
    return new MailSyncJobHandler(sync);
  }
}
