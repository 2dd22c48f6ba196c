package dev.va.bootstrap;

import com.google.inject.Injector;
import dev.va.adapter.mail.imap.ImapMailboxWatcher;
import dev.va.application.mail.MailboxWatchService;
import dev.va.application.port.out.MailAccountChanges;
import dev.va.domain.mail.EmailAccountId;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With IMAP IDLE on ({@code MAIL_IMAP_IDLE}): one thread that brings an account's watch in line as soon as this
 * process connected, re-authorized or removed the account ({@link MailAccountChanges}, bound to this runtime then),
 * every {@link #RECONCILE_EVERY} brings all watched inboxes in line with the accounts (new, deleted, waiting for
 * credentials) and every {@link #RETRY_EVERY} queues the syncs that mail arriving during a running sync still owes.
 * Stopped by the {@link Lifecycle} before the scheduler and the workers: first this thread, then every watch, then
 * the watcher's threads.
 */
final class MailWatchRuntime implements MailAccountChanges, AutoCloseable {
  static final Duration RECONCILE_EVERY = Duration.ofMinutes(1);
  static final Duration RETRY_EVERY = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(MailWatchRuntime.class);

  private final MailboxWatchService service;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "va-mail-watch");
    thread.setDaemon(true);
    return thread;
  });

  /** Set before the first reconcile is planned: a change ignored while unset is stored, so that reconcile sees it. */
  private volatile boolean started;

  MailWatchRuntime(MailboxWatchService service) {
    this.service = service;
  }

  /** Starts watching when the mail settings say so; otherwise does nothing (new mail comes with the poll). */
  static void start(Injector injector) {
    if (!injector.getInstance(MailFeatureModule.Settings.class).imapIdle()) return;
    Lifecycle lifecycle = injector.getInstance(Lifecycle.class);
    lifecycle.own(injector.getInstance(ImapMailboxWatcher.class));
    MailWatchRuntime runtime = lifecycle.own(injector.getInstance(MailWatchRuntime.class));
    runtime.started = true;
    runtime.timer.scheduleWithFixedDelay(runtime.guarded("watching inboxes", runtime.service::reconcile), 0,
        RECONCILE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    runtime.timer.scheduleWithFixedDelay(runtime.guarded("queueing owed syncs", runtime.service::retryPending),
        RETRY_EVERY.toMillis(), RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("IMAP IDLE on: inboxes are watched for new mail (the scheduled sync stays)");
  }

  /**
   * Runs on request threads: the watch is brought in line on this runtime's thread, after whatever round runs now, so
   * a request waits neither for the database nor for the watches' lock. Ignored in a process that does not watch
   * ({@code va keys}) and once stopping.
   */
  @Override
  public void changed(EmailAccountId account) {
    if (!started) return;
    try {
      timer.execute(guarded("watching account " + account, () -> service.refresh(account)));
    } catch (RejectedExecutionException e) {
      // stopping: the watches end anyway
    }
  }

  /** A failing round (the database away) is logged; the next one runs as planned. */
  private Runnable guarded(String what, Runnable work) {
    return () -> {
      try {
        work.run();
      } catch (RuntimeException e) {
        LOG.warn("{} failed; trying again next round", what, e);
      }
    };
  }

  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    if (!timer.awaitTermination(10, TimeUnit.SECONDS)) LOG.warn("the mail watch thread did not stop in time");
    service.close();
  }
}
