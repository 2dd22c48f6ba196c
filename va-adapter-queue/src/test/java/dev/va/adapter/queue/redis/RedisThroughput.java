package dev.va.adapter.queue.redis;

import dev.va.adapter.queue.inprocess.InProcessSideEffectLedger;
import dev.va.application.job.JobContext;
import dev.va.application.job.JobHandler;
import dev.va.application.job.WorkerPool;
import dev.va.application.port.out.JobHistory;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import dev.va.domain.job.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Informal throughput check of the Redis queue with a WorkerPool running no-op jobs (not a test; the formal benchmark
 * is separate). Args: jobs, worker threads, prefetch, producer threads, jobs per enqueue call.
 */
public final class RedisThroughput {
  private RedisThroughput() {}

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int prefetch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    int producers = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    int batch = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    Clock clock = Clock.systemUTC();
    try (TestRedis producerRedis = new TestRedis(); TestRedis workerRedis = new TestRedis()) {
      String prefix = producerRedis.newPrefix();
      workerRedis.newPrefix();
      RedisJobQueue producerQueue = new RedisJobQueue(producerRedis.connection(), producerRedis.signals(), prefix, clock, Duration.ofSeconds(5));
      RedisJobQueue workerQueue = new RedisJobQueue(workerRedis.connection(), workerRedis.signals(), prefix, clock, Duration.ofSeconds(5));

      long start = System.nanoTime();
      enqueue(producerQueue, clock, jobs, producers, batch);
      report("enqueue only", jobs, start);

      LongAdder done = new LongAdder();
      JobHistory history = job -> {
        if (job.status() == JobStatus.SUCCEEDED) done.increment();
      };
      JobHandler noop = new JobHandler() {
        @Override
        public String type() {
          return "noop";
        }

        @Override
        public void handle(JobContext context) {}
      };
      WorkerPool.Settings settings = WorkerPool.Settings.of("bench", threads, Set.of(Job.DEFAULT_QUEUE))
          .withPrefetch(prefetch);
      try (WorkerPool pool = new WorkerPool(workerQueue, new InProcessSideEffectLedger(clock, Duration.ofHours(1)),
          history, List.of(noop), clock, settings)) {
        start = System.nanoTime();
        pool.start();
        awaitDone(done, jobs);
        report("drain (fetch, run, ack)", jobs, start);

        start = System.nanoTime();
        enqueue(producerQueue, clock, jobs, producers, batch);
        awaitDone(done, 2L * jobs);
        report("end to end (enqueue while workers drain)", jobs, start);
      }
    }
  }

  private static void enqueue(RedisJobQueue queue, Clock clock, int jobs, int producers, int batch)
      throws InterruptedException {
    ExecutorService executor = Executors.newFixedThreadPool(producers);
    for (int p = 0; p < producers; p++) {
      int share = jobs / producers + (p < jobs % producers ? 1 : 0);
      executor.execute(() -> {
        List<Job> pending = new ArrayList<>(batch);
        for (int i = 0; i < share; i++) {
          Instant now = clock.instant();
          pending.add(Job.create(null, "noop", Job.DEFAULT_QUEUE, JobPriority.NORMAL, "{}", 3, now, null, now));
          if (pending.size() == batch || i == share - 1) {
            queue.enqueueAll(pending);
            pending.clear();
          }
        }
      });
    }
    executor.shutdown();
    executor.awaitTermination(10, TimeUnit.MINUTES);
  }

  private static void awaitDone(LongAdder done, long target) throws InterruptedException {
    while (done.sum() < target) Thread.sleep(1);
  }

  private static void report(String what, int jobs, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf("%-45s %,d jobs in %.2f s = %,.0f jobs/s%n", what, jobs, seconds, jobs / seconds);
  }
}
