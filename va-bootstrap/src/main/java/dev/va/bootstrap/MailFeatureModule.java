package dev.va.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.va.adapter.mail.MailModule;
import dev.va.adapter.mail.MailSettings;
import dev.va.adapter.mail.gmail.GmailSettings;
import dev.va.adapter.mail.oauth.OAuthClientSettings;
import dev.va.application.audit.AuditTrail;
import dev.va.application.job.JobHandler;
import dev.va.application.mail.AccountCredentialStore;
import dev.va.application.mail.ConnectOAuthAccount;
import dev.va.application.mail.ConnectOAuthAccount.OutlookServers;
import dev.va.application.mail.MailAccountService;
import dev.va.application.mail.MailMessageService;
import dev.va.application.mail.MailSyncJobHandler;
import dev.va.application.mail.MailSyncService;
import dev.va.application.mail.MailboxWatchService;
import dev.va.application.oauth.OAuthStateService;
import dev.va.application.port.in.MailUseCases;
import dev.va.application.port.out.CredentialStore;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.MailAccountChanges;
import dev.va.application.port.out.MailAuthorization;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.MailboxWatcher;
import dev.va.application.port.out.NonceStore;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.SecureTokens;
import dev.va.application.port.out.TokenCipher;
import dev.va.application.port.out.UserRepository;
import dev.va.domain.mail.MailProviderType;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Mailboxes: the providers ({@link MailModule}: IMAP/SMTP always, Gmail and Microsoft's OAuth client when their
 * settings are given), the mail use cases with the OAuth connection of Gmail and Outlook accounts, and the
 * {@code mail.sync} job handler (added to the {@code Set<JobHandler>} the worker pool runs), and the service that
 * watches inboxes when IMAP IDLE is on. Needs the repositories, the job queue, the token cipher, secure tokens, the
 * {@link NonceStore} of OAuth states, the {@link SecurityModule.Keys} (the OAuth state key derives from SECRET_KEY),
 * the audit trail and the clock bound elsewhere.
 */
public final class MailFeatureModule extends AbstractModule {
  /**
   * The mail adapter's settings, how often each account syncs, how syncs run and back off, the OAuth clients:
   * Gmail (Google) and Microsoft, each offered only when present, the servers of Outlook mailboxes, and whether
   * inboxes are watched with IMAP IDLE (see {@link MailWatchRuntime}).
   */
  public record Settings(MailSettings mail, Duration syncInterval, MailSyncService.Settings sync,
      Optional<GmailSettings> gmail, Optional<OAuthClientSettings> microsoft, OutlookServers outlookServers,
      boolean imapIdle) {
    public static Settings defaults() {
      return new Settings(MailSettings.defaults(), MailAccountService.DEFAULT_SYNC_INTERVAL,
          MailSyncService.Settings.defaults(), Optional.empty(), Optional.empty(), OutlookServers.EXCHANGE_ONLINE,
          false);
    }

    public Settings withGmail(GmailSettings settings) {
      return new Settings(mail, syncInterval, sync, Optional.of(settings), microsoft, outlookServers, imapIdle);
    }

    public Settings withMicrosoft(OAuthClientSettings settings) {
      return new Settings(mail, syncInterval, sync, gmail, Optional.of(settings), outlookServers, imapIdle);
    }

    public Settings withOutlookServers(OutlookServers servers) {
      return new Settings(mail, syncInterval, sync, gmail, microsoft, servers, imapIdle);
    }

    public Settings withMail(MailSettings settings) {
      return new Settings(settings, syncInterval, sync, gmail, microsoft, outlookServers, imapIdle);
    }

    public Settings withImapIdle(boolean on) {
      return new Settings(mail, syncInterval, sync, gmail, microsoft, outlookServers, on);
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
    MailModule mail = new MailModule(settings.mail());
    if (settings.gmail().isPresent()) mail = mail.withGmail(settings.gmail().get());
    if (settings.microsoft().isPresent()) mail = mail.withMicrosoft(settings.microsoft().get());
    install(mail);
    bind(Settings.class).toInstance(settings);
    bind(MailUseCases.ConnectImapAccount.class).to(MailAccountService.class);
    bind(MailUseCases.ListAccounts.class).to(MailAccountService.class);
    bind(MailUseCases.GetAccount.class).to(MailAccountService.class);
    bind(MailUseCases.RemoveAccount.class).to(MailAccountService.class);
    bind(MailUseCases.SyncAccountNow.class).to(MailAccountService.class);
    bind(MailUseCases.StartOAuthConnection.class).to(ConnectOAuthAccount.class);
    bind(MailUseCases.CompleteOAuthConnection.class).to(ConnectOAuthAccount.class);
    bind(MailUseCases.ListMessages.class).to(MailMessageService.class);
    bind(MailUseCases.ListProcessedMessages.class).to(MailMessageService.class);
    bind(MailUseCases.GetMessage.class).to(MailMessageService.class);
    Multibinder.newSetBinder(binder(), JobHandler.class).addBinding().to(MailSyncJobHandler.class);
  }

  @Provides
  @Singleton
  MailAccountService accountService(EmailAccountRepository accounts, ScheduledTaskRepository tasks, JobQueue queue,
      Map<MailProviderType, MailProvider> providers, TokenCipher cipher, AuditTrail audit, MailAccountChanges changes,
      Clock clock) {
    return new MailAccountService(accounts, tasks, queue, providers, cipher, audit, changes, clock,
        settings.syncInterval());
  }

  /**
   * States are verified by whichever process receives the callback, so all share SECRET_KEY and the nonce store
   * (PostgreSQL's, bound by the persistence module; see {@link OAuthStateService}).
   */
  @Provides
  @Singleton
  OAuthStateService oauthStates(SecurityModule.Keys keys, NonceStore nonces, SecureTokens random, Clock clock) {
    return new OAuthStateService(keys.oauthStateKey(), nonces, random, clock, OAuthStateService.DEFAULT_TTL);
  }

  @Provides
  @Singleton
  ConnectOAuthAccount connectOAuthAccount(EmailAccountRepository accounts, ScheduledTaskRepository tasks,
      JobQueue queue, UserRepository users, MailAuthorization authorization, OAuthStateService states,
      AuditTrail audit, MailAccountChanges changes, Clock clock) {
    return new ConnectOAuthAccount(accounts, tasks, queue, users, authorization, states, audit, changes, clock,
        settings.syncInterval(), settings.outlookServers());
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
      Map<MailProviderType, MailProvider> providers, JobQueue queue, MailAccountChanges changes, Clock clock) {
    return new MailSyncService(accounts, messages, providers, queue, changes, clock, settings.sync());
  }

  /** Only started with IMAP IDLE on ({@link MailWatchRuntime}). */
  @Provides
  @Singleton
  MailboxWatchService watchService(EmailAccountRepository accounts, MailboxWatcher watcher, JobQueue queue,
      Clock clock) {
    return new MailboxWatchService(accounts, watcher, queue, clock);
  }

  /** Only started with IMAP IDLE on ({@link MailWatchRuntime#start}). */
  @Provides
  @Singleton
  MailWatchRuntime watchRuntime(MailboxWatchService watching) {
    return new MailWatchRuntime(watching);
  }

  /** With IMAP IDLE on, accounts connected or removed here are watched or dropped at once; off, nothing listens. */
  @Provides
  @Singleton
  MailAccountChanges accountChanges(Provider<MailWatchRuntime> runtime) {
    return settings.imapIdle() ? runtime.get() : MailAccountChanges.NONE;
  }

  @Provides
  @Singleton
  MailSyncJobHandler syncJobHandler(MailSyncService sync) {
    return new MailSyncJobHandler(sync);
  }
}
