package dev.va.bootstrap.bench;

import dev.va.adapter.queue.redis.RedisJobQueue;
import dev.va.application.job.JobContext;
import dev.va.application.job.JobHandler;
import dev.va.application.job.WorkerPool;
import dev.va.application.port.out.JobHistory;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobPriority;
import dev.va.domain.job.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/** va's side of {@code va bench queue}: no-op jobs through a {@link WorkerPool} over the {@link RedisJobQueue}. */
final class VaQueueBench {
  static final String QUEUE = "bench";
  private static final String TYPE = "noop";

  /** How the pool and the producers run. */
  record Settings(int threads, int prefetch, int producers, int batch) {}

  /** {@code redisCpu}: CPU seconds the Redis server spent meanwhile. */
  record Throughput(int jobs, Duration elapsed, double redisCpu) {
    double perSecond() {
      return jobs / seconds(elapsed);
    }

    double redisMicrosPerJob() {
      return redisCpu * 1e6 / jobs;
    }
  }

  /** Enqueue → handler start, over {@code jobs} jobs sent at {@code rate} per second. */
  record Latency(int jobs, double rate, long p50, long p90, long p99, long max) {}

  /** What the workers record into, and how to wait until it holds every state recorded so far. */
  interface History extends JobHistory {
    void flush() throws InterruptedException;
  }

  private final BenchRedis redis;
  private final Settings settings;
  private final Clock clock;
  private int runs;

  VaQueueBench(BenchRedis redis, Settings settings, Clock clock) {
    this.redis = redis;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * {@code jobs} no-op jobs end to end: the producers enqueue in batches while one pool runs and acks them; done when
   * the last one is acked and {@code history} holds it.
   */
  Throughput throughput(int jobs, History history) throws Exception {
    LongAdder succeeded = new LongAdder();
    JobHistory counting = job -> {
      history.record(job);
      if (job.status() == JobStatus.SUCCEEDED) succeeded.increment();
    };
    RedisJobQueue producerQueue = redis.newQueue(clock);
    try (WorkerPool pool = pool(counting, new Noop())) {
      pool.start();
      double cpuBefore = redis.cpuSeconds();
      long start = System.nanoTime();
      ExecutorService producers = Executors.newFixedThreadPool(settings.producers());
      try {
        List<Future<?>> produced = new ArrayList<>();
        for (int p = 0; p < settings.producers(); p++) {
          int share = jobs / settings.producers() + (p < jobs % settings.producers() ? 1 : 0);
          produced.add(producers.submit(() -> produce(producerQueue, share)));
        }
        awaitCount(succeeded, jobs, Duration.ofMinutes(10));
        for (Future<?> future : produced) future.get();
        history.flush();
      } finally {
        producers.shutdownNow();
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      return new Throughput(jobs, elapsed, redis.cpuSeconds() - cpuBefore);
    }
  }

  /** Jobs enqueued one at a time, paced at {@code rate} per second for {@code duration}. */
  Latency latency(int rate, Duration duration) throws Exception {
    int jobs = (int) Math.max(1, rate * duration.toMillis() / 1000);
    long[] latencies = new long[jobs];
    AtomicInteger started = new AtomicInteger();
    JobHandler timing = new JobHandler() {
      @Override
      public String type() {
        return TYPE;
      }

      @Override
      public void handle(JobContext context) {
        long now = System.nanoTime();
        int index = started.getAndIncrement();
        if (index < latencies.length) latencies[index] = now - Long.parseLong(context.payload());
      }
    };
    RedisJobQueue producerQueue = redis.newQueue(clock);
    try (WorkerPool pool = pool(job -> { }, timing)) {
      pool.start();
      // a quiet second first, so the pool is idle (and waiting) as it would be at this rate
      Thread.sleep(1_000);
      long period = 1_000_000_000L / rate;
      long begin = System.nanoTime();
      for (int i = 0; i < jobs; i++) {
        long due = begin + i * period;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
        Instant now = clock.instant();
        producerQueue.enqueue(new Job(JobId.random(), null, TYPE, QUEUE, JobPriority.NORMAL,
            Long.toString(System.nanoTime()), JobStatus.QUEUED, 0, 3, now, null, 0, null, now, null, null, 0));
      }
      double achieved = jobs / seconds(Duration.ofNanos(System.nanoTime() - begin));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (started.get() < jobs) {
        if (System.nanoTime() > deadline) throw new TimeoutException(started.get() + " of " + jobs + " jobs started");
        Thread.sleep(5);
      }
      Arrays.sort(latencies);
      return new Latency(jobs, achieved, percentile(latencies, 50), percentile(latencies, 90),
          percentile(latencies, 99), latencies[jobs - 1]);
    }
  }

  private WorkerPool pool(JobHistory history, JobHandler handler) {
    WorkerPool.Settings pool = WorkerPool.Settings.of("bench-" + (++runs), settings.threads(), Set.of(QUEUE))
        .withPrefetch(settings.prefetch());
    return new WorkerPool(redis.newQueue(clock), redis.newLedger(clock), history, List.of(handler), clock, pool);
  }

  private void produce(RedisJobQueue queue, int count) {
    List<Job> batch = new ArrayList<>(settings.batch());
    for (int i = 0; i < count; i++) {
      Instant now = clock.instant();
      batch.add(Job.create(null, TYPE, QUEUE, JobPriority.NORMAL, "{}", 3, now, null, now));
      if (batch.size() == settings.batch() || i == count - 1) {
        queue.enqueueAll(batch);
        batch.clear();
      }
    }
  }

  private static void awaitCount(LongAdder count, long target, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count.sum() < target) {
      if (System.nanoTime() > deadline) throw new TimeoutException(count.sum() + " of " + target + " jobs done");
      Thread.sleep(1);
    }
  }

  private static long percentile(long[] sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  private static final class Noop implements JobHandler {
    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public void handle(JobContext context) {
      // the work under test is the queue's
    }
  }
}
