package dev.va.application.fake;

import dev.va.application.port.out.JobQueue;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link JobQueue} in memory: one map of entries under the object's monitor, searched in full on every call, which
 * is all a test needs. Due jobs are fetched by priority, then in the order they became waiting. A blocked fetch
 * wakes on every change and at least every {@link #POLL}, since a test clock moves without telling anyone.
 */
public final class InMemoryJobQueue implements JobQueue {
  /** Errors kept per job for the dead letters, as the real queues keep the latest few. */
  static final int MAX_ERRORS = 20;
  static final Duration POLL = Duration.ofMillis(20);

  private final Clock clock;
  private final Duration heartbeatTtl;
  private final Map<JobId, Entry> entries = new LinkedHashMap<>();
  private final Map<String, Instant> heartbeats = new LinkedHashMap<>();
  private long sequence;

  public InMemoryJobQueue(Clock clock, Duration heartbeatTtl) {
    this.clock = clock;
    this.heartbeatTtl = heartbeatTtl;
  }

  private static final class Entry {
    Job job;
    String worker;
    boolean cancelRequested;
    /** When the job last became waiting (fetch order) or dead (dead-letter order). */
    long since;
    final List<String> errors = new ArrayList<>();

    Entry(Job job) {
      this.job = job;
    }

    boolean waiting() {
      return job.status() == JobStatus.QUEUED || job.status() == JobStatus.FAILED;
    }
  }

  @Override
  public synchronized Job enqueue(Job job) {
    if (job.status() != JobStatus.QUEUED) throw new IllegalArgumentException("only a queued job can be enqueued");
    Entry known = entries.get(job.id());
    if (known != null) return known.job;
    if (job.idempotencyKey() != null) {
      for (Entry entry : entries.values()) {
        if (job.idempotencyKey().equals(entry.job.idempotencyKey()) && !entry.job.status().terminal()) {
          return entry.job;
        }
      }
    }
    Entry entry = new Entry(job);
    entry.since = ++sequence;
    entries.put(job.id(), entry);
    notifyAll();
    return job;
  }

  @Override
  public synchronized List<Job> enqueueAll(List<Job> jobs) {
    return jobs.stream().map(this::enqueue).toList();
  }

  @Override
  public synchronized List<Delivery> fetch(String workerId, Set<String> queues, int max, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Instant now = clock.instant();
      heartbeats.put(workerId, now.plus(heartbeatTtl));
      List<Entry> due = entries.values().stream()
          .filter(e -> e.waiting() && queues.contains(e.job.queue()) && !e.job.runAt().isAfter(now))
          .sorted(Comparator.<Entry, Integer>comparing(e -> e.job.priority().ordinal())
              .thenComparingLong(e -> e.since))
          .limit(max)
          .toList();
      if (!due.isEmpty()) {
        List<Delivery> out = new ArrayList<>(due.size());
        for (Entry entry : due) {
          entry.job = entry.job.started(now);
          entry.worker = workerId;
          out.add(new Delivery(entry.job, workerId));
        }
        return out;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) return List.of();
      long millis = Math.max(1, Math.min(POLL.toMillis(), Duration.ofNanos(left).toMillis()));
      wait(millis);
    }
  }

  @Override
  public synchronized Optional<Job> ack(Delivery delivery) {
    return owned(delivery).map(entry -> forget(entry.job.succeeded(clock.instant())));
  }

  @Override
  public synchronized List<Job> ackAll(List<Delivery> deliveries) {
    List<Job> acked = new ArrayList<>();
    for (Delivery delivery : deliveries) ack(delivery).ifPresent(acked::add);
    return acked;
  }

  @Override
  public synchronized Optional<Job> fail(Delivery delivery, String error, Instant retryAt) {
    return owned(delivery).map(entry -> {
      Instant now = clock.instant();
      if (entry.cancelRequested) return forget(entry.job.cancelled(now));
      Job failed = retryAt == null ? entry.job.buried(error, now) : entry.job.failed(error, retryAt, now);
      return settle(entry, error, failed);
    });
  }

  @Override
  public synchronized Optional<Job> cancelled(Delivery delivery) {
    return owned(delivery).map(entry -> forget(entry.job.cancelled(clock.instant())));
  }

  @Override
  public synchronized Optional<Job> release(Delivery delivery, Instant dueAt) {
    return owned(delivery).map(entry -> {
      if (entry.cancelRequested) return forget(entry.job.cancelled(clock.instant()));
      entry.worker = null;
      entry.job = entry.job.released(dueAt);
      entry.since = ++sequence;
      notifyAll();
      return entry.job;
    });
  }

  @Override
  public synchronized boolean progress(Delivery delivery, int percent) {
    if (percent < 0 || percent > 100) throw new IllegalArgumentException("progress must be between 0 and 100");
    Optional<Entry> entry = owned(delivery);
    entry.ifPresent(e -> e.job = e.job.withProgress(percent));
    return entry.isPresent();
  }

  @Override
  public synchronized Optional<Job> cancel(JobId id) {
    Entry entry = entries.get(id);
    if (entry == null || entry.job.status() == JobStatus.DEAD) return Optional.empty();
    if (entry.job.status() == JobStatus.RUNNING) {
      entry.cancelRequested = true;
      return Optional.of(entry.job);
    }
    return Optional.of(forget(entry.job.cancelled(clock.instant())));
  }

  @Override
  public synchronized boolean cancellationRequested(JobId id) {
    Entry entry = entries.get(id);
    return entry != null && entry.cancelRequested;
  }

  @Override
  public synchronized Optional<Job> find(JobId id) {
    return Optional.ofNullable(entries.get(id)).map(entry -> entry.job);
  }

  @Override
  public synchronized List<DeadLetter> deadLetters(int limit) {
    return entries.values().stream()
        .filter(entry -> entry.job.status() == JobStatus.DEAD)
        .sorted(Comparator.comparingLong((Entry entry) -> entry.since).reversed())
        .limit(limit)
        .map(entry -> new DeadLetter(entry.job, entry.errors))
        .toList();
  }

  @Override
  public synchronized Optional<Job> redrive(JobId id) {
    Entry entry = entries.get(id);
    if (entry == null || entry.job.status() != JobStatus.DEAD) return Optional.empty();
    entry.job = entry.job.redriven(clock.instant());
    entry.since = ++sequence;
    notifyAll();
    return Optional.of(entry.job);
  }

  @Override
  public synchronized void heartbeat(String workerId) {
    heartbeats.put(workerId, clock.instant().plus(heartbeatTtl));
  }

  @Override
  public synchronized List<Job> reap() {
    Instant now = clock.instant();
    List<Job> reaped = new ArrayList<>();
    for (Entry entry : List.copyOf(entries.values())) {
      if (entry.job.status() != JobStatus.RUNNING) continue;
      Instant alive = heartbeats.get(entry.worker);
      if (alive != null && now.isBefore(alive)) continue;
      if (entry.cancelRequested) {
        reaped.add(forget(entry.job.cancelled(now)));
      } else {
        String error = "worker " + entry.worker + " stopped heartbeating";
        reaped.add(settle(entry, error, entry.job.failed(error, now, now)));
      }
    }
    return reaped;
  }

  /** The entry of a delivery that still owns its job: running, fetched by that worker, in that attempt. */
  private Optional<Entry> owned(Delivery delivery) {
    Entry entry = entries.get(delivery.job().id());
    boolean owns = entry != null && entry.job.status() == JobStatus.RUNNING
        && delivery.workerId().equals(entry.worker) && entry.job.attempts() == delivery.job().attempts();
    return owns ? Optional.of(entry) : Optional.empty();
  }

  private Job forget(Job last) {
    entries.remove(last.id());
    return last;
  }

  /** A failed attempt: back to waiting for its retry, or dead. */
  private Job settle(Entry entry, String error, Job failed) {
    entry.errors.add(error);
    if (entry.errors.size() > MAX_ERRORS) entry.errors.remove(0);
    entry.worker = null;
    entry.job = failed;
    entry.since = ++sequence;
    notifyAll();
    return failed;
  }
}
