package dev.va.adapter.queue;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.name.Named;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.va.adapter.queue.inprocess.InProcessJobQueue;
import dev.va.adapter.queue.inprocess.InProcessSideEffectLedger;
import dev.va.adapter.queue.redis.RedisHealthIndicator;
import dev.va.adapter.queue.redis.RedisJobQueue;
import dev.va.adapter.queue.redis.RedisQueueConnection;
import dev.va.adapter.queue.redis.RedisSideEffectLedger;
import dev.va.adapter.queue.schedule.CronScheduleCalculator;
import dev.va.application.port.out.HealthIndicator;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.ScheduleCalculator;
import dev.va.application.port.out.SideEffectLedger;
import java.time.Clock;
import java.time.Duration;

/**
 * Binds {@link JobQueue} and {@link SideEffectLedger}: on Redis ({@link #redis}), which also binds the
 * {@link RedisQueueConnection} (close it at shutdown) and adds the "redis" {@link HealthIndicator}, or in process
 * ({@link #inProcess}). Needs a {@link Clock} bound elsewhere. Either way binds the {@link ScheduleCalculator} of the
 * scheduler (cron-utils), which needs no Redis.
 */
public final class QueueModule extends AbstractModule {
  /** Names the undecorated queue: Redis or in-process. */
  public static final String TRANSPORT = "va.queue.transport";

  /** A worker whose heartbeat is this old is dead: its jobs are back within this plus the reap interval. */
  public static final Duration HEARTBEAT_TTL = Duration.ofSeconds(5);
  /** How long a performed side effect is remembered. */
  public static final Duration EFFECT_RETENTION = Duration.ofDays(7);
  private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

  private final String redisUri;
  private final String keyPrefix;

  private QueueModule(String redisUri, String keyPrefix) {
    this.redisUri = redisUri;
    this.keyPrefix = keyPrefix;
  }

  /** Queue and ledger on Redis at {@code redisUri} (e.g. {@code redis://127.0.0.1:6379}), keys under {@code keyPrefix}. */
  public static QueueModule redis(String redisUri, String keyPrefix) {
    if (redisUri == null || redisUri.isBlank()) throw new IllegalArgumentException("redisUri is required");
    if (keyPrefix == null || keyPrefix.isBlank()) throw new IllegalArgumentException("keyPrefix is required");
    return new QueueModule(redisUri, keyPrefix);
  }

  /** Queue and ledger in memory, for the embedded mode. */
  public static QueueModule inProcess() {
    return new QueueModule(null, null);
  }

  @Override
  protected void configure() {
    Multibinder<HealthIndicator> health = Multibinder.newSetBinder(binder(), HealthIndicator.class);
    bind(ScheduleCalculator.class).to(CronScheduleCalculator.class).in(Singleton.class);
    if (redisUri == null) {
      install(new InProcess());
    } else {
      install(new Redis(redisUri, keyPrefix));
      health.addBinding().to(RedisHealthIndicator.class);
    }
  }

  /** The queue as used: the transport itself unless a composing module decorates it (override this binding). */
  @Provides
  @Singleton
  JobQueue jobQueue(@Named(TRANSPORT) JobQueue transport) {
    return transport;
  }

  private static final class InProcess extends AbstractModule {
    @Provides
    @Singleton
    @Named(TRANSPORT)
    JobQueue queue(Clock clock) {
      return new InProcessJobQueue(clock, HEARTBEAT_TTL);
    }

    @Provides
    @Singleton
    SideEffectLedger ledger(Clock clock) {
      return new InProcessSideEffectLedger(clock, EFFECT_RETENTION);
    }
  }

  private static final class Redis extends AbstractModule {
    private final String uri;
    private final String prefix;

    Redis(String uri, String prefix) {
      this.uri = uri;
      this.prefix = prefix;
    }

    @Provides
    @Singleton
    RedisQueueConnection connection() {
      return new RedisQueueConnection(uri, REDIS_TIMEOUT);
    }

    @Provides
    @Singleton
    @Named(TRANSPORT)
    JobQueue queue(RedisQueueConnection redis, Clock clock) {
      return new RedisJobQueue(redis.connection(), redis.signals(), prefix, clock, HEARTBEAT_TTL);
    }

    @Provides
    @Singleton
    SideEffectLedger ledger(RedisQueueConnection redis, Clock clock) {
      return new RedisSideEffectLedger(redis.connection(), prefix, clock, EFFECT_RETENTION);
    }

    @Provides
    @Singleton
    RedisHealthIndicator health(RedisQueueConnection redis) {
      return new RedisHealthIndicator(redis.connection(), Duration.ofSeconds(2));
    }
  }
}
