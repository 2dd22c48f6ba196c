package dev.va.application.mail;

import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.MailAccountChanges;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.domain.job.Job;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.schedule.MisfirePolicy;
import dev.va.domain.schedule.Schedule;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.schedule.ScheduledTaskId;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every way of connecting a mailbox (password, OAuth) shares: storing the new account together with the
 * scheduled task that syncs it, the audit record, telling {@link MailAccountChanges}, and queueing a sync at once.
 */
final class AccountEnrollment {
  static final String ALREADY_CONNECTED = "this address is already connected";

  private final EmailAccountRepository accounts;
  private final ScheduledTaskRepository tasks;
  private final JobQueue queue;
  private final AuditTrail audit;
  private final MailAccountChanges changes;
  private final Clock clock;
  private final Duration syncInterval;

  AccountEnrollment(EmailAccountRepository accounts, ScheduledTaskRepository tasks, JobQueue queue, AuditTrail audit,
      MailAccountChanges changes, Clock clock, Duration syncInterval) {
    if (syncInterval.compareTo(Schedule.Interval.MINIMUM) < 0) {
      throw new IllegalArgumentException("sync interval must be at least " + Schedule.Interval.MINIMUM);
    }
    this.accounts = accounts;
    this.tasks = tasks;
    this.queue = queue;
    this.audit = audit;
    this.changes = changes;
    this.clock = clock;
    this.syncInterval = syncInterval;
  }

  /** The user's account with this address, whatever its provider. */
  Optional<EmailAccount> find(UserId user, EmailAddress address) {
    return accounts.listByUser(user).stream().filter(a -> a.address().equals(address)).findFirst();
  }

  /**
   * Stores the account and its sync task (first fire now), and audits {@code account.connected}.
   *
   * @throws DuplicateException naming {@code email} when the user connected the address meanwhile
   */
  void enroll(EmailAccount account, RequestMeta meta) {
    try {
      accounts.insert(account);
    } catch (DuplicateException e) {
      throw new DuplicateException("email", ALREADY_CONNECTED);
    }
    tasks.insert(syncTask(account, clock.instant()));
    connected(account, meta, Map.of());
  }

  /**
   * Audits {@code account.connected} with the address, the provider and {@code extra} details, and tells
   * {@link MailAccountChanges} (a new account, or new credentials).
   */
  void connected(EmailAccount account, RequestMeta meta, Map<String, String> extra) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("address", account.address().value());
    details.put("provider", account.provider().name());
    details.putAll(extra);
    audit.record(account.userId(), "account.connected", "email_account", account.id().toString(), meta, details);
    changes.changed(account.id());
  }

  /**
   * Queues a sync of the account now; {@code force} also syncs one that backs off or waits for credentials. While a
   * sync of the account waits or runs, the queue returns that job instead.
   */
  Job queueSync(UserId user, EmailAccountId id, boolean force) {
    return queue.enqueue(MailJobs.syncJob(user, id, force, clock.instant()));
  }

  private ScheduledTask syncTask(EmailAccount account, Instant now) {
    String name = "sync " + account.address().value();
    // next fire now: the first sync runs at once; a missed interval (server down) fires once on restart
    return new ScheduledTask(ScheduledTaskId.random(), account.userId(), name.substring(0, Math.min(200,
        name.length())), new Schedule.Interval(syncInterval), ZoneOffset.UTC, true, MisfirePolicy.FIRE_ONCE,
        MailJobs.SYNC, MailJobs.syncPayload(account.id(), false),
        Map.of(MailAccountService.ACCOUNT_METADATA, account.id().toString()), null, now, now, now);
  }
}
