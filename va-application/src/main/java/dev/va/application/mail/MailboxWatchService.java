package dev.va.application.mail;

import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.MailboxWatcher;
import dev.va.application.port.out.MailboxWatcher.Watch;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobStatus;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.user.UserId;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Syncs a mailbox as soon as mail arrives where the server can say so (IMAP IDLE), on top of the scheduled sync,
 * which stays: a watch that cannot connect or finds no push support simply adds nothing.
 *
 * <p>Watched are the accounts a scheduled sync would run for (neither DISABLED nor waiting for credentials) whose
 * provider the {@link MailboxWatcher} supports. {@link #refresh} brings one account's watch in line as soon as the
 * account was connected, re-authorized or removed; {@link #reconcile}, run periodically, catches every other change
 * (an account disabled or waiting for credentials, a change made by another process) by starting watches of
 * accounts connected since and ending those no longer wanted. A watch also ends by itself when it finds its account
 * gone on reconnecting.
 *
 * <p>Arriving mail queues the account's {@link MailJobs#SYNC} job as "sync now" does, under the same idempotency
 * key (so at most one waits or runs), but not forced: an account backing off stays backing off. A sync already
 * running may have looked before the mail came, so the account is remembered and {@link #retryPending} queues its
 * sync again once that one ended.
 */
public final class MailboxWatchService implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(MailboxWatchService.class.getName());

  private final EmailAccountRepository accounts;
  private final MailboxWatcher watcher;
  private final JobQueue queue;
  private final Clock clock;
  private final Map<EmailAccountId, Watch> watches = new HashMap<>();
  private final Map<EmailAccountId, UserId> pending = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public MailboxWatchService(EmailAccountRepository accounts, MailboxWatcher watcher, JobQueue queue, Clock clock) {
    this.accounts = accounts;
    this.watcher = watcher;
    this.queue = queue;
    this.clock = clock;
  }

  /** Watches every watchable account not watched yet and ends the watches no longer wanted. */
  public synchronized void reconcile() {
    if (closed) return;
    Map<EmailAccountId, EmailAccount> wanted = new LinkedHashMap<>();
    for (EmailAccount account : accounts.listAll()) {
      if (watchable(account)) wanted.put(account.id(), account);
    }
    watches.entrySet().removeIf(entry -> {
      boolean keep = wanted.containsKey(entry.getKey()) && entry.getValue().state() != MailboxWatcher.State.ENDED;
      if (!keep) entry.getValue().close();
      return !keep;
    });
    for (EmailAccount account : wanted.values()) {
      if (!watches.containsKey(account.id())) start(account);
    }
  }

  /**
   * Brings the watch of one account in line now: starts it, ends it, or starts anew one that is still trying to
   * connect (it may be backing off after refused credentials that the account has just replaced).
   */
  public synchronized void refresh(EmailAccountId id) {
    if (closed) return;
    Optional<EmailAccount> account = current(id);
    Watch watch = watches.get(id);
    if (watch != null) {
      MailboxWatcher.State state = watch.state();
      if (account.isPresent() && state != MailboxWatcher.State.CONNECTING && state != MailboxWatcher.State.ENDED) {
        return;
      }
      watches.remove(id);
      watch.close();
    }
    account.ifPresent(this::start);
  }

  /** Queues again the syncs of accounts whose mail arrived while a sync of theirs was running. */
  public void retryPending() {
    for (Map.Entry<EmailAccountId, UserId> entry : pending.entrySet()) arrived(entry.getValue(), entry.getKey());
  }

  /** The accounts watched now, and what each watch is doing. */
  public synchronized Map<EmailAccountId, MailboxWatcher.State> watches() {
    Map<EmailAccountId, MailboxWatcher.State> states = new LinkedHashMap<>();
    watches.forEach((id, watch) -> states.put(id, watch.state()));
    return states;
  }

  /** Ends every watch; later calls of {@link #reconcile} do nothing. */
  @Override
  public synchronized void close() {
    closed = true;
    watches.values().forEach(Watch::close);
    watches.clear();
    pending.clear();
  }

  /** Returns at once: the watcher connects on a thread of its own. */
  private void start(EmailAccount account) {
    EmailAccountId id = account.id();
    UserId user = account.userId();
    watches.put(id, watcher.watch(account, () -> current(id), () -> arrived(user, id)));
    LOG.log(Level.DEBUG, "watching the inbox of account {0}", id);
  }

  private Optional<EmailAccount> current(EmailAccountId id) {
    return accounts.findForSystem(id).filter(this::watchable);
  }

  private boolean watchable(EmailAccount account) {
    return account.status() != AccountStatus.DISABLED && account.status() != AccountStatus.NEEDS_REAUTH
        && account.imap() != null && watcher.supports(account.provider());
  }

  private void arrived(UserId user, EmailAccountId id) {
    if (closed) return;
    Job job = MailJobs.syncJob(user, id, false, clock.instant());
    Job queued = queue.enqueue(job);
    if (!queued.id().equals(job.id()) && queued.status() == JobStatus.RUNNING) {
      pending.put(id, user);
    } else {
      pending.remove(id);
      LOG.log(Level.DEBUG, "new mail in account {0}: sync job {1}", id, queued.id());
    }
  }
}
