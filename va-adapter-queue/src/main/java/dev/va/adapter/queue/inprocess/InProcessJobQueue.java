package dev.va.adapter.queue.inprocess;

import dev.va.application.port.out.JobQueue;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobPriority;
import dev.va.domain.job.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The job queue of the embedded mode: everything in memory under one lock, time from the {@link Clock}. Queued jobs
 * are lost with the process (the job history keeps their record); within the process it has the same semantics as
 * the Redis queue, including heartbeats and reaping.
 *
 * <p>Ready and delayed entries are removed lazily: each scheduling of a job gets a fresh ticket, and a popped ticket
 * that is no longer the job's current one is skipped, so cancel and release never scan a queue.
 */
public final class InProcessJobQueue implements JobQueue {
  /** Errors kept per job for the dead letters; older ones are dropped. */
  static final int MAX_ERRORS = 20;

  private final Clock clock;
  private final Duration heartbeatTtl;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();

  private final Map<JobId, Entry> jobs = new HashMap<>();
  private final Map<String, Map<JobPriority, ArrayDeque<Ticket>>> ready = new HashMap<>();
  private final PriorityQueue<Timed> delayed =
      new PriorityQueue<>(Comparator.comparing(Timed::due).thenComparingLong(t -> t.ticket().number()));
  private final Map<String, Set<JobId>> processing = new HashMap<>();
  private final Map<String, Instant> heartbeats = new HashMap<>();
  private final Map<String, JobId> idempotencyKeys = new HashMap<>();
  private final LinkedHashSet<JobId> dead = new LinkedHashSet<>();
  private long tickets;

  public InProcessJobQueue(Clock clock, Duration heartbeatTtl) {
    this.clock = clock;
    this.heartbeatTtl = heartbeatTtl;
  }

  private static final class Entry {
    Job job;
    String worker;
    boolean cancelRequested;
    long ticket;
    final List<String> errors = new ArrayList<>();

    Entry(Job job) {
      this.job = job;
    }

    boolean waiting() {
      return job.status() == JobStatus.QUEUED || job.status() == JobStatus.FAILED;
    }

    void addError(String error) {
      errors.add(error);
      if (errors.size() > MAX_ERRORS) errors.remove(0);
    }
  }

  private record Ticket(JobId id, long number) {}

  private record Timed(Instant due, Ticket ticket) {}

  @Override
  public Job enqueue(Job job) {
    if (job.status() != JobStatus.QUEUED) throw new IllegalArgumentException("only a queued job can be enqueued");
    lock.lock();
    try {
      Entry known = jobs.get(job.id());
      if (known != null) return known.job;
      if (job.idempotencyKey() != null) {
        Entry holder = holderOf(job.idempotencyKey());
        if (holder != null) return holder.job;
        idempotencyKeys.put(job.idempotencyKey(), job.id());
      }
      Entry entry = new Entry(job);
      jobs.put(job.id(), entry);
      schedule(entry, false);
      return job;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Job> enqueueAll(List<Job> batch) {
    lock.lock();
    try {
      List<Job> out = new ArrayList<>(batch.size());
      for (Job job : batch) out.add(enqueue(job));
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Delivery> fetch(String workerId, Set<String> queues, int max, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    lock.lockInterruptibly();
    try {
      while (true) {
        Instant now = clock.instant();
        heartbeats.put(workerId, now.plus(heartbeatTtl));
        promoteDue(now);
        List<Delivery> out = take(workerId, queues, max, now);
        long left = deadline - System.nanoTime();
        if (!out.isEmpty() || left <= 0) return out;
        Timed next = delayed.peek();
        if (next != null) left = Math.min(left, Math.max(1_000_000, Duration.between(now, next.due()).toNanos()));
        arrived.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  private List<Delivery> take(String workerId, Set<String> queues, int max, Instant now) {
    List<Delivery> out = new ArrayList<>();
    for (JobPriority priority : JobPriority.values()) {
      for (String queue : queues) {
        ArrayDeque<Ticket> deque = readyOf(queue, priority);
        while (out.size() < max && !deque.isEmpty()) {
          Entry entry = current(deque.poll());
          if (entry == null) continue;
          entry.job = entry.job.started(now);
          entry.worker = workerId;
          entry.ticket = 0;
          processing.computeIfAbsent(workerId, w -> new HashSet<>()).add(entry.job.id());
          out.add(new Delivery(entry.job, workerId));
        }
      }
    }
    return out;
  }

  @Override
  public Optional<Job> ack(Delivery delivery) {
    return finish(delivery, job -> job.succeeded(clock.instant()));
  }

  @Override
  public List<Job> ackAll(List<Delivery> deliveries) {
    lock.lock();
    try {
      List<Job> out = new ArrayList<>(deliveries.size());
      for (Delivery delivery : deliveries) ack(delivery).ifPresent(out::add);
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Job> cancelled(Delivery delivery) {
    return finish(delivery, job -> job.cancelled(clock.instant()));
  }

  @Override
  public Optional<Job> fail(Delivery delivery, String error, Instant retryAt) {
    lock.lock();
    try {
      Entry entry = owned(delivery);
      if (entry == null) return Optional.empty();
      release(entry);
      Instant now = clock.instant();
      if (entry.cancelRequested) return Optional.of(forget(entry.job.cancelled(now)));
      entry.addError(error);
      Job failed = retryAt == null ? entry.job.buried(error, now) : entry.job.failed(error, retryAt, now);
      return Optional.of(settle(entry, failed));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Job> release(Delivery delivery, Instant dueAt) {
    lock.lock();
    try {
      Entry entry = owned(delivery);
      if (entry == null) return Optional.empty();
      release(entry);
      if (entry.cancelRequested) return Optional.of(forget(entry.job.cancelled(clock.instant())));
      entry.job = entry.job.released(dueAt);
      schedule(entry, true);
      return Optional.of(entry.job);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean progress(Delivery delivery, int percent) {
    if (percent < 0 || percent > 100) throw new IllegalArgumentException("progress must be between 0 and 100");
    lock.lock();
    try {
      Entry entry = owned(delivery);
      if (entry == null) return false;
      entry.job = entry.job.withProgress(percent);
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Job> cancel(JobId id) {
    lock.lock();
    try {
      Entry entry = jobs.get(id);
      if (entry == null || entry.job.status() == JobStatus.DEAD) return Optional.empty();
      if (entry.job.status() == JobStatus.RUNNING) {
        entry.cancelRequested = true;
        return Optional.of(entry.job);
      }
      return Optional.of(forget(entry.job.cancelled(clock.instant())));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean cancellationRequested(JobId id) {
    lock.lock();
    try {
      Entry entry = jobs.get(id);
      return entry != null && entry.cancelRequested;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Job> find(JobId id) {
    lock.lock();
    try {
      return Optional.ofNullable(jobs.get(id)).map(e -> e.job);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<DeadLetter> deadLetters(int limit) {
    lock.lock();
    try {
      List<JobId> ids = new ArrayList<>(dead);
      List<DeadLetter> out = new ArrayList<>();
      for (int i = ids.size() - 1; i >= 0 && out.size() < limit; i--) {
        Entry entry = jobs.get(ids.get(i));
        out.add(new DeadLetter(entry.job, entry.errors));
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Job> redrive(JobId id) {
    lock.lock();
    try {
      if (!dead.remove(id)) return Optional.empty();
      Entry entry = jobs.get(id);
      entry.job = entry.job.redriven(clock.instant());
      String key = entry.job.idempotencyKey();
      // the key may have gone to a newer job meanwhile; that one keeps it
      if (key != null && holderOf(key) == null) idempotencyKeys.put(key, id);
      schedule(entry, false);
      return Optional.of(entry.job);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void heartbeat(String workerId) {
    lock.lock();
    try {
      heartbeats.put(workerId, clock.instant().plus(heartbeatTtl));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Job> reap() {
    lock.lock();
    try {
      Instant now = clock.instant();
      List<Job> reaped = new ArrayList<>();
      for (Iterator<Map.Entry<String, Set<JobId>>> it = processing.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, Set<JobId>> worker = it.next();
        Instant alive = heartbeats.get(worker.getKey());
        if (alive != null && now.isBefore(alive)) continue;
        it.remove();
        heartbeats.remove(worker.getKey());
        for (JobId id : worker.getValue()) {
          Entry entry = jobs.get(id);
          entry.worker = null;
          if (entry.cancelRequested) {
            reaped.add(forget(entry.job.cancelled(now)));
            continue;
          }
          String error = "worker " + worker.getKey() + " stopped heartbeating";
          entry.addError(error);
          reaped.add(settle(entry, entry.job.failed(error, now, now)));
        }
      }
      return reaped;
    } finally {
      lock.unlock();
    }
  }

  // --- internals; all run under the lock ---

  private Optional<Job> finish(Delivery delivery, Function<Job, Job> outcome) {
    lock.lock();
    try {
      Entry entry = owned(delivery);
      if (entry == null) return Optional.empty();
      release(entry);
      return Optional.of(forget(outcome.apply(entry.job)));
    } finally {
      lock.unlock();
    }
  }

  /** The entry of a delivery that still owns its job, else null. */
  private Entry owned(Delivery delivery) {
    Entry entry = jobs.get(delivery.job().id());
    boolean owns = entry != null && entry.job.status() == JobStatus.RUNNING
        && delivery.workerId().equals(entry.worker) && entry.job.attempts() == delivery.job().attempts();
    return owns ? entry : null;
  }

  private void release(Entry entry) {
    Set<JobId> owned = processing.get(entry.worker);
    if (owned != null) owned.remove(entry.job.id());
    entry.worker = null;
  }

  /** Removes a finished job; returns its final state. */
  private Job forget(Job last) {
    jobs.remove(last.id());
    releaseKey(last);
    return last;
  }

  /** Files a failed job: back to waiting for its retry, or to the dead letters. */
  private Job settle(Entry entry, Job failed) {
    entry.job = failed;
    if (failed.status() == JobStatus.DEAD) {
      dead.add(failed.id());
      releaseKey(failed);
    } else {
      schedule(entry, false);
    }
    return failed;
  }

  private void releaseKey(Job job) {
    String key = job.idempotencyKey();
    if (key != null && job.id().equals(idempotencyKeys.get(key))) idempotencyKeys.remove(key);
  }

  private Entry holderOf(String key) {
    JobId id = idempotencyKeys.get(key);
    Entry holder = id == null ? null : jobs.get(id);
    return holder != null && !holder.job.status().terminal() ? holder : null;
  }

  /** Makes a waiting job fetchable at its run-at time; {@code front} puts a due job before the others. */
  private void schedule(Entry entry, boolean front) {
    Ticket ticket = new Ticket(entry.job.id(), ++tickets);
    entry.ticket = ticket.number();
    if (entry.job.runAt().isAfter(clock.instant())) {
      delayed.add(new Timed(entry.job.runAt(), ticket));
    } else {
      ArrayDeque<Ticket> deque = readyOf(entry.job.queue(), entry.job.priority());
      if (front) deque.addFirst(ticket);
      else deque.addLast(ticket);
    }
    arrived.signalAll();
  }

  private void promoteDue(Instant now) {
    while (!delayed.isEmpty() && !delayed.peek().due().isAfter(now)) {
      Ticket ticket = delayed.poll().ticket();
      Entry entry = current(ticket);
      if (entry != null) readyOf(entry.job.queue(), entry.job.priority()).addLast(ticket);
    }
  }

  /** The entry a ticket stands for, or null when the ticket is stale (job gone, fetched, rescheduled). */
  private Entry current(Ticket ticket) {
    Entry entry = jobs.get(ticket.id());
    return entry != null && entry.ticket == ticket.number() && entry.waiting() ? entry : null;
  }

  private ArrayDeque<Ticket> readyOf(String queue, JobPriority priority) {
    return ready.computeIfAbsent(queue, q -> new EnumMap<>(JobPriority.class))
        .computeIfAbsent(priority, p -> new ArrayDeque<>());
  }
}
