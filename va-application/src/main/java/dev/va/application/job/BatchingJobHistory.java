package dev.va.application.job;

import dev.va.application.port.out.JobHistory;
import dev.va.application.port.out.JobRepository;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link JobHistory} that writes through {@link JobRepository#upsertAll} in batches, off the workers' hot path.
 * Recorded states wait in a buffer keyed by job id, so a job that changed state several times before the next write
 * is written once, in its last recorded state. One flusher thread writes the oldest {@code batchSize} states as soon
 * as that many wait, and whatever waits once {@code flushInterval} passed; writes happen one after the other, so a
 * later state never lands before an earlier one.
 *
 * <p>The buffer is bounded: when {@code capacity} distinct jobs wait (the store is slow or down), {@link #record}
 * blocks until the flusher made room, which slows the workers down instead of growing memory without limit. A
 * failed write is logged and retried with a backoff, the batch kept; nothing is dropped while the history is open.
 * {@link #close()} writes what is left, giving up (and logging each job it could not write) only after
 * {@code closeTimeout}.
 */
public final class BatchingJobHistory implements JobHistory, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BatchingJobHistory.class.getName());

  /**
   * {@code batchSize}: pending jobs that trigger a write; {@code flushInterval}: longest a recorded state waits;
   * {@code capacity}: most pending jobs before {@link #record} blocks; {@code retryBackoff}: first pause after a
   * failed write (doubling up to {@code maxRetryBackoff}); {@code closeTimeout}: how long {@link #close()} keeps
   * trying.
   */
  public record Settings(int batchSize, Duration flushInterval, int capacity, Duration retryBackoff,
      Duration maxRetryBackoff, Duration closeTimeout) {
    public Settings {
      if (batchSize < 1) throw new IllegalArgumentException("batchSize must be at least 1");
      if (capacity < batchSize) throw new IllegalArgumentException("capacity must not be below batchSize");
      if (flushInterval.isNegative() || flushInterval.isZero()) {
        throw new IllegalArgumentException("flushInterval must be positive");
      }
      if (retryBackoff.isNegative() || retryBackoff.isZero()) {
        throw new IllegalArgumentException("retryBackoff must be positive");
      }
      if (maxRetryBackoff.compareTo(retryBackoff) < 0) {
        throw new IllegalArgumentException("maxRetryBackoff must not be below retryBackoff");
      }
      if (closeTimeout.isNegative()) throw new IllegalArgumentException("closeTimeout must not be negative");
    }

    /** Writes of up to 1,000 jobs at least every 200 ms, 50,000 pending at most, retries from 100 ms to 5 s. */
    public static Settings defaults() {
      return new Settings(1_000, Duration.ofMillis(200), 50_000, Duration.ofMillis(100), Duration.ofSeconds(5),
          Duration.ofSeconds(30));
    }
  }

  private record Pending(Job job, long seq) {}

  private final JobRepository repository;
  private final Settings settings;
  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled when a write is due: a full batch, a flush request or close. */
  private final Condition due = lock.newCondition();
  /** Signalled after every write attempt: room in the buffer, or progress for {@link #flush}. */
  private final Condition written = lock.newCondition();
  private final Thread flusher;
  /** Pending states in the order they were recorded (a replaced state moves to the end), oldest written first. */
  private final LinkedHashMap<JobId, Pending> pending = new LinkedHashMap<>(1024, 0.75f, true);
  /** Sequence number of the last recorded state; {@link #flush} wants every state up to {@code flushUpTo} written. */
  private long recorded;
  private long flushUpTo;
  private boolean writing;
  private boolean closing;
  private boolean stopped;
  private long closeDeadline;

  public BatchingJobHistory(JobRepository repository, Settings settings) {
    this.repository = repository;
    this.settings = settings;
    this.flusher = new Thread(this::flushLoop, "va-job-history");
    flusher.setDaemon(true);
    flusher.start();
  }

  /**
   * Buffers {@code job}'s state, replacing a pending state of the same job. Blocks while the buffer is full; once
   * {@link #close()} finished, writes at once (logging a failure, never throwing).
   */
  @Override
  public void record(Job job) {
    lock.lock();
    try {
      while (!stopped && pending.size() >= settings.capacity() && !pending.containsKey(job.id())) {
        written.awaitUninterruptibly();
      }
      // while close() drains the buffer, a state still joins it, so that it cannot overtake an earlier one
      if (!stopped) {
        // coalesced as the store would apply the two states one after the other
        Pending earlier = pending.get(job.id());
        if (earlier != null && !earlier.job().replaceableBy(job)) return;
        pending.put(job.id(), new Pending(job, ++recorded));
        if (pending.size() == settings.batchSize()) due.signal();
        return;
      }
    } finally {
      lock.unlock();
    }
    writeLate(job);
  }

  /**
   * Waits until every state recorded before this call is written, or replaced by a later state of its job (or the
   * history gave up on closing).
   */
  public void flush() throws InterruptedException {
    lock.lock();
    try {
      long target = recorded;
      flushUpTo = Math.max(flushUpTo, target);
      due.signal();
      while (!stopped && (writing || waitingUpTo(target))) written.await();
    } finally {
      lock.unlock();
    }
  }

  /** Jobs waiting to be written. */
  public int pending() {
    lock.lock();
    try {
      return pending.size();
    } finally {
      lock.unlock();
    }
  }

  /** Writes everything pending, retrying up to the close timeout, then stops the flusher. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closing) return;
      closing = true;
      due.signal();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    while (flusher.isAlive()) {
      try {
        flusher.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  private void flushLoop() {
    while (true) {
      List<Job> batch;
      lock.lock();
      try {
        long flushBy = System.nanoTime() + settings.flushInterval().toNanos();
        long left;
        while (!closing && pending.size() < settings.batchSize() && !waitingUpTo(flushUpTo)
            && (left = flushBy - System.nanoTime()) > 0) {
          awaitDue(left);
        }
        if (pending.isEmpty()) {
          if (!closing) continue;
          stopped = true;
          written.signalAll();
          return;
        }
        batch = takeOldest(settings.batchSize());
        writing = true;
        // the buffer has room again as soon as the batch left it
        written.signalAll();
      } finally {
        lock.unlock();
      }
      boolean stored = writeWithRetries(batch);
      lock.lock();
      try {
        writing = false;
        if (!stored) stopped = true;
        written.signalAll();
      } finally {
        lock.unlock();
      }
      if (!stored) {
        giveUp(batch);
        return;
      }
    }
  }

  /** True when a state recorded up to {@code seq} still waits (the oldest pending state comes first). */
  private boolean waitingUpTo(long seq) {
    return !pending.isEmpty() && pending.values().iterator().next().seq() <= seq;
  }

  private List<Job> takeOldest(int max) {
    List<Job> batch = new ArrayList<>(Math.min(max, pending.size()));
    Iterator<Pending> oldest = pending.values().iterator();
    while (batch.size() < max && oldest.hasNext()) {
      batch.add(oldest.next().job());
      oldest.remove();
    }
    return batch;
  }

  /** Writes {@code batch}, retrying with a backoff until it succeeds or, once closing, the close timeout passed. */
  private boolean writeWithRetries(List<Job> batch) {
    long backoff = settings.retryBackoff().toNanos();
    for (int attempt = 1; ; attempt++) {
      try {
        repository.upsertAll(batch);
        if (attempt > 1) LOG.log(Level.INFO, "job history written again after " + attempt + " attempts");
        return true;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "writing " + batch.size() + " job states failed (attempt " + attempt
            + "); keeping them and retrying", e);
      }
      lock.lock();
      try {
        long wakeAt = System.nanoTime() + backoff;
        boolean wasClosing = closing;
        if (closing) wakeAt = Math.min(wakeAt, closeDeadline());
        long left;
        // close() ends the pause early, so that the close timeout starts counting at once
        while ((left = wakeAt - System.nanoTime()) > 0 && closing == wasClosing) awaitDue(left);
        if (closing && System.nanoTime() - closeDeadline() >= 0) return false;
      } finally {
        lock.unlock();
      }
      backoff = Math.min(settings.maxRetryBackoff().toNanos(), backoff * 2);
    }
  }

  /** When closing gives up on a store that keeps failing; fixed on first use after close() was called. */
  private long closeDeadline() {
    if (closeDeadline == 0) closeDeadline = System.nanoTime() + settings.closeTimeout().toNanos();
    return closeDeadline;
  }

  /** Only close() stops the flusher, not an interrupt (nothing else knows the thread): one is ignored. */
  private void awaitDue(long nanos) {
    try {
      due.awaitNanos(nanos);
    } catch (InterruptedException ignored) {
      // the loops around re-check their conditions
    }
  }

  /** Closing and the store still refuses: say exactly which states are lost. */
  private void giveUp(List<Job> batch) {
    List<Job> lost = new ArrayList<>(batch);
    lock.lock();
    try {
      pending.values().forEach(state -> lost.add(state.job()));
      pending.clear();
    } finally {
      lock.unlock();
    }
    LOG.log(Level.ERROR, "job history closed with " + lost.size() + " job states unwritten after "
        + settings.closeTimeout() + " of retries");
    for (Job job : lost) LOG.log(Level.ERROR, "unwritten job state: " + job);
  }

  /** A state recorded after close finished (a straggling worker): written on its own, a failure logged. */
  private void writeLate(Job job) {
    try {
      repository.upsertAll(List.of(job));
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "job state recorded after close could not be written: " + job, e);
    }
  }
}
