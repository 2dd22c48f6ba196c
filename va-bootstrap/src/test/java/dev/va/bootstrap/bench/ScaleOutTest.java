package dev.va.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.adapter.persistence.PostgresJobRepository;
import dev.va.adapter.queue.redis.RedisJobQueue;
import dev.va.application.job.BatchingJobHistory;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two worker pools, as on two hosts, on one Redis and one PostgreSQL job history: the jobs spread over both, each
 * runs once, and the history ends with every job SUCCEEDED. Needs the local Redis and PostgreSQL of the tests
 * ({@code VA_TEST_REDIS_URL}, {@code VA_TEST_JDBC_URL}).
 */
class ScaleOutTest {
  private static final int JOBS = 5_000;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void twoHostsShareTheJobsAndRunEachOnce() throws Exception {
    Clock clock = Clock.systemUTC();
    Map<String, String> env = System.getenv();
    String redisUrl = env.getOrDefault("VA_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    String jdbcUrl = env.getOrDefault("VA_TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    try (BenchRedis redis = open(() -> new BenchRedis(redisUrl), "Redis at " + redisUrl + " (set VA_TEST_REDIS_URL)");
        BenchDatabase database = open(() -> new BenchDatabase(jdbcUrl, env.getOrDefault("VA_TEST_JDBC_USER", "postgres"),
            env.getOrDefault("VA_TEST_JDBC_PASSWORD", "")), "PostgreSQL at " + jdbcUrl + " (set VA_TEST_JDBC_URL)");
        BatchingJobHistory history = new BatchingJobHistory(new PostgresJobRepository(database.database()),
            BatchingJobHistory.Settings.defaults())) {
      Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
      Map<String, AtomicInteger> perHost = new ConcurrentHashMap<>();
      AtomicInteger succeeded = new AtomicInteger();
      JobHistory counting = job -> {
        history.record(job);
        if (job.status() == JobStatus.SUCCEEDED) succeeded.incrementAndGet();
      };
      List<WorkerPool> pools = new ArrayList<>();
      try {
        for (String host : List.of("host-a", "host-b")) {
          JobHandler handler = new JobHandler() {
            @Override
            public String type() {
              return "work";
            }

            @Override
            public void handle(JobContext context) {
              LockSupport.parkNanos(500_000);
              runs.computeIfAbsent(context.job().id().toString(), id -> new AtomicInteger()).incrementAndGet();
              perHost.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
            }
          };
          WorkerPool pool = new WorkerPool(redis.newQueue(clock), redis.newLedger(clock), counting, List.of(handler),
              clock, WorkerPool.Settings.of(host, 4, Set.of("work")).withPrefetch(8));
          pools.add(pool);
          pool.start();
        }
        RedisJobQueue producer = redis.newQueue(clock);
        List<Job> batch = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
          Instant now = clock.instant();
          batch.add(Job.create(null, "work", "work", JobPriority.NORMAL, "{}", 3, now, null, now));
          if (batch.size() == 250) {
            producer.enqueueAll(batch);
            batch.clear();
          }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        while (succeeded.get() < JOBS) {
          assertThat(System.nanoTime()).as("%d of %d jobs succeeded", succeeded.get(), JOBS).isLessThan(deadline);
          Thread.sleep(10);
        }
      } finally {
        pools.forEach(WorkerPool::close);
      }
      history.flush();

      assertThat(runs).hasSize(JOBS);
      assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
      assertThat(perHost.keySet()).containsExactlyInAnyOrder("host-a", "host-b");
      assertThat(perHost.values()).allSatisfy(count -> assertThat(count.get()).isGreaterThan(JOBS / 10));
      assertThat(database.count("SUCCEEDED")).isEqualTo(JOBS);
      assertThat(database.count("RUNNING")).isZero();
    }
  }

  private interface Opener<T> {
    T open();
  }

  private static <T> T open(Opener<T> opener, String what) {
    try {
      return opener.open();
    } catch (RuntimeException e) {
      throw new IllegalStateException("This test needs " + what + ": " + e.getMessage(), e);
    }
  }
}
