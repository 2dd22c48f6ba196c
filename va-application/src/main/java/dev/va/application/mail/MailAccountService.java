package dev.va.application.mail;

import dev.va.application.NotFoundException;
import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.port.in.MailUseCases.ConnectImapAccount;
import dev.va.application.port.in.MailUseCases.ConnectImapAccountCommand;
import dev.va.application.port.in.MailUseCases.GetAccount;
import dev.va.application.port.in.MailUseCases.ListAccounts;
import dev.va.application.port.in.MailUseCases.RemoveAccount;
import dev.va.application.port.in.MailUseCases.SyncAccountNow;
import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.MailAccountChanges;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.MailProvider.MailProviderException;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.TokenCipher;
import dev.va.domain.job.Job;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Connecting, listing and removing mailboxes, and syncing one on demand. Each account has one scheduled task that
 * queues its {@link MailJobs#SYNC} job every sync interval; the task's metadata names the account.
 */
public final class MailAccountService
    implements ConnectImapAccount, ListAccounts, GetAccount, RemoveAccount, SyncAccountNow {
  public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMinutes(5);
  /** Metadata key of a sync task naming its account. */
  public static final String ACCOUNT_METADATA = "account_id";

  private final EmailAccountRepository accounts;
  private final ScheduledTaskRepository tasks;
  private final Map<MailProviderType, MailProvider> providers;
  private final TokenCipher cipher;
  private final AuditTrail audit;
  private final MailAccountChanges changes;
  private final Clock clock;
  private final AccountEnrollment enrollment;

  public MailAccountService(EmailAccountRepository accounts, ScheduledTaskRepository tasks, JobQueue queue,
      Map<MailProviderType, MailProvider> providers, TokenCipher cipher, AuditTrail audit, MailAccountChanges changes,
      Clock clock, Duration syncInterval) {
    this.enrollment = new AccountEnrollment(accounts, tasks, queue, audit, changes, clock, syncInterval);
    this.accounts = accounts;
    this.tasks = tasks;
    this.providers = Map.copyOf(providers);
    this.cipher = cipher;
    this.audit = audit;
    this.changes = changes;
    this.clock = clock;
  }

  @Override
  public EmailAccount connect(ConnectImapAccountCommand command) {
    // refused before any server is contacted
    if (enrollment.find(command.user(), command.email()).isPresent()) {
      throw new DuplicateException("email", AccountEnrollment.ALREADY_CONNECTED);
    }
    MailProvider provider = providers.get(MailProviderType.IMAP);
    if (provider == null) throw new IllegalStateException("no IMAP mail provider is configured");
    Instant now = clock.instant();
    EmailAccount account = new EmailAccount(EmailAccountId.random(), command.user(), MailProviderType.IMAP,
        command.email(), command.displayName(), command.imap(), command.smtp(), command.username(),
        cipher.encrypt(command.password()), AccountStatus.ACTIVE, null, null, null, 0, null, now, now);
    checkServers(provider, account);
    enrollment.enroll(account, command.meta());
    return account;
  }

  @Override
  public List<EmailAccount> list(UserId user) {
    return accounts.listByUser(user);
  }

  @Override
  public EmailAccount get(UserId user, EmailAccountId id) {
    return accounts.findById(user, id).orElseThrow(() -> new NotFoundException("email account"));
  }

  @Override
  public void remove(UserId user, EmailAccountId id, RequestMeta meta) {
    EmailAccount account = get(user, id);
    // the account first: a sync its task queues meanwhile finds no account and does nothing
    if (!accounts.delete(user, id)) throw new NotFoundException("email account");
    for (ScheduledTask task : tasks.listByUser(user)) {
      if (id.toString().equals(task.metadata().get(ACCOUNT_METADATA))) tasks.delete(user, task.id());
    }
    audit.record(user, "account.removed", "email_account", id.toString(), meta,
        Map.of("address", account.address().value()));
    changes.changed(id);
  }

  @Override
  public Job syncNow(UserId user, EmailAccountId id, RequestMeta meta) {
    get(user, id);
    return enrollment.queueSync(user, id, true);
  }

  /**
   * IMAP alone first, then with SMTP, so a failure names the server at fault. A refused login is the password's
   * fault; anything else (unknown host, refused connection, TLS failure, timeout) the server's.
   */
  private static void checkServers(MailProvider provider, EmailAccount account) {
    try {
      provider.checkConnection(withoutSmtp(account));
    } catch (MailProviderException e) {
      throw refused(e, "IMAP", account.imap(), "imap_host");
    }
    if (account.smtp() == null) return;
    try {
      provider.checkConnection(account);
    } catch (MailProviderException e) {
      throw refused(e, "SMTP", account.smtp(), "smtp_host");
    }
  }

  private static DomainValidationException refused(MailProviderException e, String server, ServerEndpoint endpoint,
      String hostField) {
    if (e.authentication()) {
      return new DomainValidationException("password",
          "the " + server + " server refused the username or password");
    }
    return new DomainValidationException(hostField, "the " + server + " server at " + endpoint.host() + ":"
        + endpoint.port() + " could not be used: " + e.getMessage());
  }

  private static EmailAccount withoutSmtp(EmailAccount a) {
    return new EmailAccount(a.id(), a.userId(), a.provider(), a.address(), a.displayName(), a.imap(), null,
        a.username(), a.credentials(), a.status(), a.syncCursor(), a.lastSyncAt(), a.lastError(), a.syncFailures(),
        a.lastAttemptAt(), a.createdAt(), a.updatedAt());
  }
}
