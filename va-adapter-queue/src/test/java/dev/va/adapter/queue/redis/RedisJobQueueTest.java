package dev.va.adapter.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobQueue.Delivery;
import dev.va.application.port.out.JobQueueContract;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import dev.va.domain.job.JobStatus;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisJobQueueTest implements JobQueueContract {
  private static final Duration TTL = Duration.ofMillis(300);
  private static TestRedis redis;

  @BeforeAll
  static void connect() {
    redis = new TestRedis();
  }

  @AfterAll
  static void cleanUp() {
    redis.close();
  }

  @Override
  public JobQueue newQueue(SettableClock clock) {
    return redis.newQueue(clock, TTL);
  }

  @Override
  public Duration heartbeatTtl() {
    return TTL;
  }

  /** Heartbeat keys expire in Redis' own time. */
  @Override
  public void letHeartbeatsLapse(SettableClock clock) {
    try {
      Thread.sleep(TTL.plusMillis(100).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    clock.advance(TTL.plusMillis(100));
  }

  @Test
  void aKilledWorkersJobsAreBackWithinTheReaperIntervalOnTheRealClock() throws Exception {
    Duration ttl = Duration.ofMillis(500);
    Duration reaperInterval = Duration.ofMillis(100);
    JobQueue queue = redis.newQueue(Clock.systemUTC(), ttl);
    Instant now = Instant.now();
    for (int i = 0; i < 3; i++) {
      queue.enqueue(Job.create(null, "noop", Job.DEFAULT_QUEUE, JobPriority.NORMAL, "{}", 3, now, null, now));
    }
    List<Delivery> inFlight = queue.fetch("doomed", Set.of(Job.DEFAULT_QUEUE), 10, Duration.ZERO);
    assertThat(inFlight).hasSize(3);
    long killedAt = System.nanoTime();

    // the surviving worker heartbeats and reaps on its interval, as a WorkerPool does
    int reaped = 0;
    while (reaped < 3 && System.nanoTime() - killedAt < ttl.multipliedBy(4).toNanos()) {
      Thread.sleep(reaperInterval.toMillis());
      queue.heartbeat("survivor");
      reaped += queue.reap().size();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
    assertThat(reaped).isEqualTo(3);
    assertThat(took).isBetween(ttl, ttl.plus(reaperInterval).plusMillis(150));

    List<Delivery> again = queue.fetch("survivor", Set.of(Job.DEFAULT_QUEUE), 10, Duration.ZERO);
    assertThat(again).hasSize(3).allSatisfy(d -> {
      assertThat(d.job().attempts()).isEqualTo(2);
      assertThat(d.job().status()).isEqualTo(JobStatus.RUNNING);
    });
    for (Delivery d : inFlight) assertThat(queue.ack(d)).isEmpty();
    for (Delivery d : again) assertThat(queue.ack(d)).isPresent();
  }

  @Test
  void redisForgetsEverythingOfAFinishedJob() throws Exception {
    String prefix = redis.newPrefix();
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = new RedisJobQueue(redis.connection(), redis.signals(), prefix, clock, TTL);
    Job keyed = Job.create(null, "noop", Job.DEFAULT_QUEUE, JobPriority.NORMAL, "{}", 3, T0, "k", T0);
    queue.enqueue(keyed);
    Delivery delivery = queue.fetch("w", DEFAULT, 1, NO_WAIT).get(0);
    queue.fail(delivery, "boom", T0);
    queue.ack(queue.fetch("w", DEFAULT, 1, NO_WAIT).get(0));

    // only the worker's registration, heartbeat and last-fetch memo remain: no job hash, error list, key or entry
    assertThat(redis.keysUnder(prefix)).isEqualTo(3);
    assertThat(redis.connection().sync().pttl(prefix + "fetched:w")).isPositive();
  }

  @Test
  void aFetchSentAgainAfterItsReplyWasLostGetsTheSameJobsBack() throws Exception {
    String prefix = redis.newPrefix();
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = new RedisJobQueue(redis.connection(), redis.signals(), prefix, clock, TTL);
    for (int i = 0; i < 3; i++) {
      queue.enqueue(Job.create(null, "noop", Job.DEFAULT_QUEUE, JobPriority.NORMAL, "{}", 3, T0, null, T0));
    }
    RedisScript fetch = new RedisScript(QueueScripts.FETCH);
    String[] args = {prefix, "w", Long.toString(RedisJobQueue.floorMicros(T0)), "0", "2", "60000", "fetch-1",
        Job.DEFAULT_QUEUE};

    List<Object> first = fetch.run(redis.connection().sync(), ScriptOutputType.MULTI, args);
    List<Object> again = fetch.run(redis.connection().sync(), ScriptOutputType.MULTI, args);

    assertThat(first).hasSize(2);
    assertThat(again).extracting(row -> ((List<?>) row).get(0)).isEqualTo(
        first.stream().map(row -> ((List<?>) row).get(0)).toList());
    List<Delivery> rest = queue.fetch("w", DEFAULT, 10, NO_WAIT);
    assertThat(rest).hasSize(1);
    assertThat(redis.connection().sync().scard(prefix + "proc:w")).isEqualTo(3);
  }

  @Test
  void scriptsAreLoadedAgainAfterRedisLostThem() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    queue.enqueue(Job.create(null, "noop", Job.DEFAULT_QUEUE, JobPriority.NORMAL, "{}", 3, T0, null, T0));
    redis.connection().sync().scriptFlush();
    assertThat(queue.fetch("w", DEFAULT, 1, NO_WAIT)).hasSize(1);
  }
}
