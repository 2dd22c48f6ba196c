package dev.va.adapter.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.job.WorkerPool;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The queue's Redis shut down in the middle of a run and started again on the same port and data (a private
 * redis-server with an append-only file; the shared Redis is never touched): two worker pools ride the outage out,
 * reconnect, and every job completes with its effect performed once. The effects go to the shared Redis, which stays
 * up, as a mail server or a payment API would.
 */
class RedisRestartTest {
  private static final int JOBS = 4_000;

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void workersReconnectAfterARedisRestartAndNothingIsLostOrDoneTwice() throws Exception {
    try (PrivateRedis queueRedis = new PrivateRedis(); TestRedis effects = new TestRedis()) {
      queueRedis.start();
      String prefix = effects.newPrefix();
      RedisCommands<String, String> record = effects.connection().sync();
      List<AutoCloseable> open = new ArrayList<>();
      try {
        // a long command timeout: commands wait out the outage in Lettuce's buffer instead of failing
        RedisQueueConnection producer = new RedisQueueConnection(queueRedis.url(), Duration.ofSeconds(15));
        open.add(producer);
        Set<String> ids = enqueue(producer, prefix);
        List<WorkerPool> pools = new ArrayList<>();
        for (String host : List.of("host-a", "host-b")) {
          RedisQueueConnection connection = new RedisQueueConnection(queueRedis.url(), Duration.ofSeconds(15));
          open.add(connection);
          // heartbeats outlive the outage: a worker that is only slow to reconnect keeps its jobs
          WorkerPool pool = EffectWorker.pool(connection, record, prefix, host, Duration.ofMillis(1),
              Duration.ofSeconds(8));
          open.add(0, pool);
          pools.add(pool);
          pool.start();
        }

        await("a fifth of the jobs done", () -> record.llen(prefix + "acked") >= JOBS / 5, 30);
        queueRedis.shutdown();
        // effects already past their claim may still land; none may start while the ledger is unreachable
        Thread.sleep(300);
        long doneBefore = record.llen(prefix + "effects");
        Thread.sleep(1_200);
        assertThat(record.llen(prefix + "effects")).as("no job ran while Redis was down").isEqualTo(doneBefore);
        queueRedis.start();

        await("every job done", () -> producer.connection().sync().keys(prefix + "job:*").isEmpty(), 60);
        Map<String, Integer> performed = counts(record.lrange(prefix + "effects", 0, -1));
        assertThat(performed.keySet()).isEqualTo(ids);
        assertThat(performed.values()).allSatisfy(times -> assertThat(times).isEqualTo(1));
        assertThat(producer.connection().sync().zcard(prefix + "dead")).isZero();
        long afterRestart = record.llen(prefix + "acked");
        assertThat(afterRestart).as("the workers went on after the restart").isGreaterThan(JOBS / 5);
      } finally {
        for (AutoCloseable closeable : open) closeable.close();
      }
    }
  }

  private static Set<String> enqueue(RedisQueueConnection redis, String prefix) {
    RedisJobQueue queue = new RedisJobQueue(redis.connection(), redis.signals(), prefix, Clock.systemUTC(),
        EffectWorker.HEARTBEAT_TTL);
    Set<String> ids = new HashSet<>();
    List<Job> batch = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      Instant now = Instant.now();
      Job job = Job.create(null, EffectWorker.TYPE, EffectWorker.QUEUE, JobPriority.NORMAL, "{}", 10, now, null, now);
      ids.add(job.id().toString());
      batch.add(job);
      if (batch.size() == 500 || i == JOBS - 1) {
        queue.enqueueAll(batch);
        batch.clear();
      }
    }
    return ids;
  }

  private interface Check {
    boolean met() throws Exception;
  }

  private static void await(String what, Check check, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!check.met()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static Map<String, Integer> counts(List<String> values) {
    Map<String, Integer> counts = new HashMap<>();
    for (String value : values) counts.merge(value, 1, Integer::sum);
    return counts;
  }
}
