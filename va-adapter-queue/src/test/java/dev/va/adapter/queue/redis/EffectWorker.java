package dev.va.adapter.queue.redis;

import dev.va.application.job.JobContext;
import dev.va.application.job.JobHandler;
import dev.va.application.job.RetryPolicy;
import dev.va.application.job.WorkerPool;
import dev.va.application.port.out.JobHistory;
import dev.va.domain.job.JobStatus;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * A worker for the fault tests, in this JVM or as a process of its own ({@link #main}): a {@link WorkerPool} over
 * {@link RedisJobQueue} whose jobs append their id to the list {@code <prefix>effects} inside {@link JobContext#once},
 * and whose history appends the id of every acked job to {@code <prefix>acked}. Heartbeats and reaps every 250 ms.
 */
final class EffectWorker {
  static final String TYPE = "append";
  static final String QUEUE = "faults";
  /** Heartbeat time to live of the worker processes: short, so that a killed one's jobs come back soon. */
  static final Duration HEARTBEAT_TTL = Duration.ofSeconds(2);

  private EffectWorker() {}

  /** The ledger key under which job {@code id} performs its effect. */
  static String effectKey(String id) {
    return TYPE + ":" + id;
  }

  /** Queue and ledger on {@code redis}; effects and acks recorded through {@code record}. */
  static WorkerPool pool(RedisQueueConnection redis, RedisCommands<String, String> record, String prefix,
      String workerId, Duration jobTime, Duration heartbeatTtl) {
    Clock clock = Clock.systemUTC();
    JobHandler append = new JobHandler() {
      @Override
      public String type() {
        return TYPE;
      }

      @Override
      public void handle(JobContext context) {
        LockSupport.parkNanos(jobTime.toNanos());
        String id = context.job().id().toString();
        context.once(effectKey(id), () -> record.rpush(prefix + "effects", id));
      }
    };
    JobHistory acked = job -> {
      if (job.status() == JobStatus.SUCCEEDED) record.rpush(prefix + "acked", job.id().toString());
    };
    WorkerPool.Settings settings = new WorkerPool.Settings(workerId, 4, 16, Set.of(QUEUE), Map.of(),
        new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1)), Duration.ofMillis(250),
        Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(30));
    return new WorkerPool(new RedisJobQueue(redis.connection(), redis.signals(), prefix, clock, heartbeatTtl),
        new RedisSideEffectLedger(redis.connection(), prefix, clock, Duration.ofHours(1)), acked, List.of(append),
        clock, settings);
  }

  /** Args: Redis URL, key prefix, worker id, milliseconds per job. Runs until killed; says "ready" once fetching. */
  public static void main(String[] args) throws InterruptedException {
    RedisQueueConnection redis = new RedisQueueConnection(args[0], Duration.ofSeconds(5));
    WorkerPool pool = pool(redis, redis.connection().sync(), args[1], args[2],
        Duration.ofMillis(Long.parseLong(args[3])), HEARTBEAT_TTL);
    pool.start();
    System.out.println("ready");
    System.out.flush();
    Thread.currentThread().join();
  }
}
