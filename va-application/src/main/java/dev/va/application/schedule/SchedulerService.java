package dev.va.application.schedule;

import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.ScheduleCalculator;
import dev.va.application.port.out.ScheduleClaims;
import dev.va.application.port.out.ScheduleClaims.Claim;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import dev.va.domain.job.JobStatus;
import dev.va.domain.schedule.MisfirePolicy;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.schedule.ScheduledTaskId;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fires due scheduled tasks: each {@link #tick()} enqueues a job for every instant of every active task that came due.
 * Any number of schedulers may share the task store, the {@link ScheduleClaims} and the queue: an instant fires where
 * its claim succeeds, so it fires once however many schedulers see it.
 *
 * <p>Per instant: claim it (which records its job), enqueue the job with the idempotency key
 * {@code schedule:<taskId>:<epochMillis>}, mark the claim enqueued. A scheduler that dies between claim and enqueue
 * leaves an unenqueued claim that any scheduler's tick enqueues once it is {@link Settings#recoveryDelay} old.
 *
 * <p>Instants more than {@link Settings#grace} in the past count as missed (the scheduler was down or behind): a
 * FIRE_ONCE task fires once for all of them, for the latest missed instant; a SKIP task drops them. Either way the
 * task then carries on with its next instant after now.
 */
public final class SchedulerService {
  private static final System.Logger LOG = System.getLogger(SchedulerService.class.getName());
  /** How far back a misfired task's latest missed instant is searched from first, before walking all of them. */
  private static final Duration MISSED_PROBE = Duration.ofDays(1);

  /**
   * {@code grace}: how late an instant may fire and still be on time; {@code recoveryDelay}: how old an unenqueued
   * claim must be before another scheduler enqueues it; {@code claimRetention}: how long enqueued claims are kept;
   * {@code queue}, {@code priority}, {@code maxAttempts}: of the jobs the tasks enqueue.
   */
  public record Settings(Duration grace, Duration recoveryDelay, int recoveryBatch, Duration claimRetention,
      Duration purgeEvery, String queue, JobPriority priority, int maxAttempts) {
    public Settings {
      if (grace.isNegative()) throw new IllegalArgumentException("grace must not be negative");
      if (recoveryDelay.isNegative()) throw new IllegalArgumentException("recoveryDelay must not be negative");
      if (recoveryBatch < 1) throw new IllegalArgumentException("recoveryBatch must be at least 1");
      if (claimRetention.compareTo(grace) <= 0) throw new IllegalArgumentException("claimRetention must exceed grace");
      if (maxAttempts < 1 || maxAttempts > 100) throw new IllegalArgumentException("maxAttempts must be 1 to 100");
    }

    /** One minute of grace, recovery after two minutes, claims kept a week, jobs NORMAL in the default queue. */
    public static Settings defaults() {
      return new Settings(Duration.ofMinutes(1), Duration.ofMinutes(2), 100, Duration.ofDays(7),
          Duration.ofHours(1), Job.DEFAULT_QUEUE, JobPriority.NORMAL, 3);
    }

    public Settings withGrace(Duration value) {
      return new Settings(value, recoveryDelay, recoveryBatch, claimRetention, purgeEvery, queue, priority,
          maxAttempts);
    }

    public Settings withRecoveryDelay(Duration value) {
      return new Settings(grace, value, recoveryBatch, claimRetention, purgeEvery, queue, priority, maxAttempts);
    }
  }

  private final ScheduledTaskRepository tasks;
  private final ScheduleClaims claims;
  private final JobQueue queue;
  private final ScheduleCalculator calculator;
  private final Clock clock;
  private final Settings settings;
  private Instant lastPurge;

  public SchedulerService(ScheduledTaskRepository tasks, ScheduleClaims claims, JobQueue queue,
      ScheduleCalculator calculator, Clock clock, Settings settings) {
    this.tasks = tasks;
    this.claims = claims;
    this.queue = queue;
    this.calculator = calculator;
    this.clock = clock;
    this.settings = settings;
  }

  /** The idempotency key of the job of {@code task} for {@code fireAt}. */
  public static String idempotencyKey(ScheduledTaskId task, Instant fireAt) {
    return "schedule:" + task + ":" + fireAt.toEpochMilli();
  }

  /**
   * Recovers claims left unenqueued, then fires every active task that is due. A task that fails (its store or the
   * queue unreachable, its schedule unreadable) is logged and retried on the next tick; it never stops the others.
   * Returns how many instants this scheduler claimed and recovered.
   */
  public synchronized int tick() {
    Instant now = clock.instant();
    int fired = recover(now);
    for (ScheduledTask task : tasks.listActive()) {
      try {
        fired += fire(task, now);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "scheduled task " + task.id() + " could not fire; retrying on the next tick", e);
      }
    }
    purge(now);
    return fired;
  }

  private int fire(ScheduledTask task, Instant now) {
    Instant due = task.nextFireAt();
    if (due == null) {
      // never timed (stored without a next fire time): start from now
      calculator.next(task, now).ifPresent(next -> tasks.advance(task.id(), null, null, next, now));
      return 0;
    }
    if (due.isAfter(now)) return 0;

    List<Instant> fires = new ArrayList<>();
    Instant cutoff = now.minus(settings.grace());
    Optional<Instant> cursor = Optional.of(due);
    if (due.isBefore(cutoff)) {
      Instant latestMissed = latestBefore(task, due, cutoff);
      if (task.misfirePolicy() == MisfirePolicy.FIRE_ONCE) fires.add(latestMissed);
      cursor = calculator.next(task, latestMissed);
    }
    while (cursor.isPresent() && !cursor.get().isAfter(now)) {
      fires.add(cursor.get());
      cursor = calculator.next(task, cursor.get());
    }

    int claimed = 0;
    for (Instant at : fires) {
      if (claimAndEnqueue(task, at, now)) claimed++;
    }
    Instant lastFired = fires.isEmpty() ? null : fires.get(fires.size() - 1);
    tasks.advance(task.id(), due, lastFired, cursor.orElse(null), now);
    return claimed;
  }

  /** The latest instant before {@code cutoff}, given {@code first}, an instant before it. */
  private Instant latestBefore(ScheduledTask task, Instant first, Instant cutoff) {
    Instant latest = first;
    // a scheduler down for long would otherwise walk every instant since; a dense schedule has one in the last day
    Optional<Instant> probe = calculator.next(task, cutoff.minus(MISSED_PROBE));
    if (probe.isPresent() && probe.get().isAfter(latest) && probe.get().isBefore(cutoff)) latest = probe.get();
    while (true) {
      Optional<Instant> next = calculator.next(task, latest);
      if (next.isEmpty() || !next.get().isBefore(cutoff)) return latest;
      latest = next.get();
    }
  }

  private boolean claimAndEnqueue(ScheduledTask task, Instant fireAt, Instant now) {
    Job job = Job.create(task.userId(), task.jobType(), settings.queue(), settings.priority(), task.payload(),
        settings.maxAttempts(), now, idempotencyKey(task.id(), fireAt), now);
    if (!claims.claim(task.id(), fireAt, job)) return false;
    try {
      queue.enqueue(job);
      claims.markEnqueued(task.id(), fireAt);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "job of task " + task.id() + " for " + fireAt + " is claimed but not queued yet; a later"
          + " tick recovers it", e);
    }
    return true;
  }

  /**
   * Enqueues the jobs of claims whose scheduler died before enqueueing them. A job that was queued after all (the
   * scheduler died before marking its claim) is not queued again: the queue still holds it, or its record moved on.
   */
  private int recover(Instant now) {
    int recovered = 0;
    List<Claim> stale;
    try {
      stale = claims.unenqueued(now.minus(settings.recoveryDelay()), settings.recoveryBatch());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not look for unenqueued claims", e);
      return 0;
    }
    for (Claim claim : stale) {
      try {
        Job job = claim.job();
        if (job.status() == JobStatus.QUEUED && queue.find(job.id()).isEmpty()) {
          queue.enqueue(job);
          recovered++;
        }
        claims.markEnqueued(claim.task(), claim.fireAt());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not recover the job of task " + claim.task() + " for " + claim.fireAt(), e);
      }
    }
    return recovered;
  }

  private void purge(Instant now) {
    if (lastPurge != null && Duration.between(lastPurge, now).compareTo(settings.purgeEvery()) < 0) return;
    try {
      claims.purge(now.minus(settings.claimRetention()));
      lastPurge = now;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not purge old schedule claims", e);
    }
  }
}
