package dev.va.application.job;

import dev.va.application.port.out.JobHistory;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobQueue.Delivery;
import dev.va.application.port.out.SideEffectLedger;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs jobs from a {@link JobQueue} on a fixed set of threads. One dispatcher thread fetches batches sized to the
 * free capacity, handler threads run them, an acker thread acks the successes in batches (a job is acked only after
 * its handler returned), and a maintenance thread heartbeats and reaps the jobs of dead workers. Every state change
 * goes to the {@link JobHistory}.
 *
 * <p>Failures never kill a worker: an unknown type or a {@link JobRejectedException} buries the job, any other
 * throwable from a handler fails the attempt and retries it per the {@link RetryPolicy}. {@link #close()} shuts down
 * gracefully: stop fetching, let running jobs finish within the grace period, then hand the rest back to the queue
 * (not counted as attempts) and interrupt their threads.
 */
public final class WorkerPool implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WorkerPool.class.getName());
  private static final int MAX_ERROR_LENGTH = 2000;
  private static final Duration FETCH_WAIT = Duration.ofMillis(200);
  private static final Duration OUTAGE_PAUSE = Duration.ofSeconds(1);
  private static final int ACK_BATCH = 256;
  private static final long MAX_SETTLE_PAUSE_MILLIS = 1_000;

  /**
   * How the pool works. {@code prefetch}: jobs fetched beyond the free threads, so threads find work waiting;
   * {@code typeLimits}: most jobs of a type running at once (a job over its type's limit goes back to the queue for
   * {@code limitBackoff}); {@code effectLease}: how long a {@link JobContext#once} claim holds off other jobs.
   */
  public record Settings(String workerId, int threads, int prefetch, Set<String> queues,
      Map<String, Integer> typeLimits, RetryPolicy retry, Duration heartbeatInterval, Duration reapInterval, Duration gracePeriod,
      Duration limitBackoff, Duration effectLease) {
    public Settings {
      if (workerId == null || workerId.isBlank()) throw new IllegalArgumentException("workerId is required");
      if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
      if (prefetch < 0) throw new IllegalArgumentException("prefetch must not be negative");
      if (queues.isEmpty()) throw new IllegalArgumentException("at least one queue is required");
      queues = Set.copyOf(queues);
      typeLimits = Map.copyOf(typeLimits);
      typeLimits.forEach((type, limit) -> {
        if (limit < 1) throw new IllegalArgumentException("limit of " + type + " must be at least 1");
      });
    }

    /** One-second heartbeats, reaping every two seconds, 30 s grace, retries from 1 s capped at 10 min. */
    public static Settings of(String workerId, int threads, Set<String> queues) {
      return new Settings(workerId, threads, threads, queues, Map.of(), RetryPolicy.defaults(), Duration.ofSeconds(1),
          Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    public Settings withTypeLimits(Map<String, Integer> limits) {
      return new Settings(workerId, threads, prefetch, queues, limits, retry, heartbeatInterval, reapInterval,
          gracePeriod, limitBackoff, effectLease);
    }

    public Settings withRetry(RetryPolicy policy) {
      return new Settings(workerId, threads, prefetch, queues, typeLimits, policy, heartbeatInterval, reapInterval,
          gracePeriod, limitBackoff, effectLease);
    }

    public Settings withGracePeriod(Duration grace) {
      return new Settings(workerId, threads, prefetch, queues, typeLimits, retry, heartbeatInterval, reapInterval,
          grace, limitBackoff, effectLease);
    }

    public Settings withPrefetch(int jobs) {
      return new Settings(workerId, threads, jobs, queues, typeLimits, retry, heartbeatInterval, reapInterval,
          gracePeriod, limitBackoff, effectLease);
    }
  }

  private final JobQueue queue;
  private final SideEffectLedger ledger;
  private final JobHistory history;
  private final Map<String, JobHandler> handlers = new HashMap<>();
  private final Clock clock;
  private final Settings settings;
  private final Semaphore capacity;
  private final Map<String, Semaphore> typeSlots = new HashMap<>();
  private final Map<JobId, Delivery> inFlight = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor executor;
  private final ScheduledExecutorService maintenance;
  private final Thread dispatcher;
  private final LinkedBlockingQueue<Delivery> acks = new LinkedBlockingQueue<>();
  private final Thread acker;
  private volatile boolean stopping;
  private volatile boolean ackerStopping;
  private boolean started;
  private boolean closed;

  public WorkerPool(JobQueue queue, SideEffectLedger ledger, JobHistory history, Collection<JobHandler> handlers,
      Clock clock, Settings settings) {
    this.queue = queue;
    this.ledger = ledger;
    this.history = history;
    this.clock = clock;
    this.settings = settings;
    for (JobHandler handler : handlers) {
      if (this.handlers.put(handler.type(), handler) != null) {
        throw new IllegalArgumentException("two handlers for job type " + handler.type());
      }
    }
    settings.typeLimits().forEach((type, limit) -> typeSlots.put(type, new Semaphore(limit)));
    this.capacity = new Semaphore(settings.threads() + settings.prefetch());
    String name = "va-worker-" + settings.workerId();
    this.executor = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), threads(name + "-run-"));
    this.maintenance = Executors.newSingleThreadScheduledExecutor(threads(name + "-maintenance-"));
    this.dispatcher = threads(name + "-dispatch-").newThread(this::dispatch);
    this.acker = threads(name + "-ack-").newThread(this::acknowledge);
  }

  public synchronized void start() {
    if (started) throw new IllegalStateException("already started");
    started = true;
    long beat = settings.heartbeatInterval().toMillis();
    long reap = settings.reapInterval().toMillis();
    maintenance.scheduleWithFixedDelay(() -> guarded("heartbeat", () -> queue.heartbeat(settings.workerId())), 0,
        beat, TimeUnit.MILLISECONDS);
    maintenance.scheduleWithFixedDelay(() -> guarded("reap", () -> queue.reap().forEach(history::record)), reap, reap,
        TimeUnit.MILLISECONDS);
    acker.start();
    dispatcher.start();
  }

  /** Jobs fetched and not yet settled. */
  public int inFlight() {
    return inFlight.size();
  }

  /** Graceful shutdown; see the class comment. Returns when every thread of the pool stopped (or gave up). */
  @Override
  public void close() {
    synchronized (this) {
      if (!started || closed) return;
      closed = true;
    }
    stopping = true;
    try {
      dispatcher.join();
      executor.shutdown();
      boolean finished = executor.awaitTermination(settings.gracePeriod().toMillis(), TimeUnit.MILLISECONDS);
      ackerStopping = true;
      acker.join();
      if (!finished) {
        Instant now = clock.instant();
        for (Delivery delivery : List.copyOf(inFlight.values())) {
          settle(() -> queue.release(delivery, now), Optional.<Job>empty()).ifPresent(history::record);
        }
        executor.shutdownNow();
        executor.awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      // heartbeats stop last: until here the jobs still running belong to this worker
      maintenance.shutdownNow();
    }
  }

  private void dispatch() {
    while (!stopping) {
      try {
        if (!capacity.tryAcquire(FETCH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) continue;
        int wanted = 1 + capacity.drainPermits();
        List<Delivery> batch;
        try {
          batch = queue.fetch(settings.workerId(), settings.queues(), wanted, FETCH_WAIT);
        } catch (RuntimeException e) {
          capacity.release(wanted);
          LOG.log(Level.WARNING, "fetching jobs failed; retrying", e);
          Thread.sleep(OUTAGE_PAUSE.toMillis());
          continue;
        }
        capacity.release(wanted - batch.size());
        for (Delivery delivery : batch) start(delivery);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void start(Delivery delivery) {
    Semaphore slot = typeSlots.get(delivery.job().type());
    if (slot != null && !slot.tryAcquire()) {
      // over its type's limit: back to the queue for a while, not counted, without ever having run
      settle(() -> queue.release(delivery, clock.instant().plus(settings.limitBackoff())), Optional.empty());
      capacity.release();
      return;
    }
    inFlight.put(delivery.job().id(), delivery);
    executor.execute(() -> run(delivery, slot));
  }

  private void run(Delivery delivery, Semaphore slot) {
    boolean toAck = false;
    try {
      history.record(delivery.job());
      toAck = execute(delivery);
    } catch (RuntimeException e) {
      // e.g. the queue unreachable: the job stays owned by this worker until it stops, then the reaper returns it
      LOG.log(Level.WARNING, "job " + delivery.job().id() + " could not be settled", e);
    } finally {
      if (!toAck) inFlight.remove(delivery.job().id());
      if (slot != null) slot.release();
      capacity.release();
    }
  }

  /** Runs the handler and settles the job, except a success, which goes to the acker: returns true then. */
  private boolean execute(Delivery delivery) {
    Job job = delivery.job();
    JobHandler handler = handlers.get(job.type());
    if (handler == null) {
      record(settle(() -> queue.fail(delivery, "no handler for job type " + job.type(), null), Optional.empty()));
      return false;
    }
    Context context = new Context(delivery);
    try {
      handler.handle(context);
      if (!context.stopSeen) return acks.add(delivery);
      record(settle(() -> queue.cancelled(delivery), Optional.empty()));
    } catch (JobRejectedException e) {
      record(settle(() -> queue.fail(delivery, describe(e), null), Optional.empty()));
    } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
      if (context.stopSeen || queue.cancellationRequested(job.id())) {
        record(settle(() -> queue.cancelled(delivery), Optional.empty()));
      } else {
        Instant retryAt = settings.retry().retryAt(job.attempts(), clock.instant(), ThreadLocalRandom.current());
        record(settle(() -> queue.fail(delivery, describe(e), retryAt), Optional.empty()));
      }
    }
    return false;
  }

  private void record(Optional<Job> state) {
    state.ifPresent(history::record);
  }

  /** Acks finished jobs in batches until the pool stops and no ack is left. */
  private void acknowledge() {
    List<Delivery> batch = new ArrayList<>(ACK_BATCH);
    while (true) {
      Delivery first;
      try {
        first = acks.poll(FETCH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (first == null) {
        if (ackerStopping) return;
        continue;
      }
      batch.add(first);
      acks.drainTo(batch, ACK_BATCH - 1);
      List<Delivery> acking = List.copyOf(batch);
      settle(() -> queue.ackAll(acking), List.<Job>of()).forEach(history::record);
      for (Delivery delivery : batch) inFlight.remove(delivery.job().id());
      batch.clear();
    }
  }

  /**
   * Runs a settling call, retrying through a queue outage (backoff from 100 ms to {@value #MAX_SETTLE_PAUSE_MILLIS}
   * ms) for as long as the pool runs, so that the job is settled once the queue is back; the thread waits meanwhile,
   * as fetching cannot go on either. Once the pool is stopping, it gives up after a few attempts, leaving the job
   * owned by this worker until it stopped: the reaper then returns it.
   */
  private <T> T settle(Supplier<T> call, T fallback) {
    RuntimeException last = null;
    long pause = 100;
    for (int attempt = 1; !stopping || attempt <= 3; attempt++) {
      try {
        T result = call.get();
        if (last != null) LOG.log(Level.INFO, "settled jobs with the queue after " + attempt + " attempts");
        return result;
      } catch (RuntimeException e) {
        if (last == null) LOG.log(Level.WARNING, "could not settle jobs with the queue; retrying", e);
        last = e;
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
        pause = Math.min(MAX_SETTLE_PAUSE_MILLIS, pause * 2);
      }
    }
    LOG.log(Level.ERROR, "could not settle jobs with the queue", last);
    return fallback;
  }

  private static String describe(Throwable e) {
    String text = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
  }

  private static void guarded(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, what + " failed", e);
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private final class Context implements JobContext {
    private final Delivery delivery;
    private volatile boolean stopSeen;

    Context(Delivery delivery) {
      this.delivery = delivery;
    }

    @Override
    public Job job() {
      return delivery.job();
    }

    @Override
    public String payload() {
      return delivery.job().payload();
    }

    @Override
    public void progress(int percent) {
      if (queue.progress(delivery, percent)) history.record(delivery.job().withProgress(percent));
    }

    @Override
    public boolean cancellationRequested() {
      if (!stopSeen && queue.cancellationRequested(delivery.job().id())) stopSeen = true;
      return stopSeen;
    }

    @Override
    public boolean once(String effectKey, Runnable effect) {
      boolean[] ran = {false};
      once(effectKey, () -> {
        effect.run();
        ran[0] = true;
        return null;
      });
      return ran[0];
    }

    @Override
    public String once(String effectKey, Supplier<String> effect) {
      String owner = delivery.job().id().toString();
      SideEffectLedger.Claim claim = ledger.claim(effectKey, owner, settings.effectLease());
      switch (claim.status()) {
        case DONE:
          return claim.result();
        case BUSY:
          throw new EffectInProgressException(effectKey);
        default:
          String result;
          try {
            result = effect.get();
          } catch (RuntimeException | Error e) {
            ledger.release(effectKey, owner);
            throw e;
          }
          // the effect happened: recording it is retried through an outage, so that a retry cannot repeat it
          boolean recorded = settle(() -> {
            ledger.markDone(effectKey, result);
            return true;
          }, false);
          if (!recorded) throw new IllegalStateException("side effect " + effectKey + " was performed but not recorded");
          return result;
      }
    }
  }
}
