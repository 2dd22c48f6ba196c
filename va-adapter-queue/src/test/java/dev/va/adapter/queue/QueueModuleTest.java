package dev.va.adapter.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.va.adapter.queue.inprocess.InProcessJobQueue;
import dev.va.adapter.queue.inprocess.InProcessSideEffectLedger;
import dev.va.adapter.queue.redis.RedisJobQueue;
import dev.va.adapter.queue.redis.RedisQueueConnection;
import dev.va.adapter.queue.redis.RedisSideEffectLedger;
import dev.va.adapter.queue.schedule.CronScheduleCalculator;
import dev.va.application.port.out.HealthIndicator;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.ScheduleCalculator;
import dev.va.application.port.out.SideEffectLedger;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueueModuleTest {
  private static final TypeLiteral<Set<HealthIndicator>> INDICATORS = new TypeLiteral<>() {};

  private static Injector injector(QueueModule module) {
    return Guice.createInjector(module, new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).toInstance(Clock.systemUTC());
      }
    });
  }

  @Test
  void inProcessBindsTheMemoryAdaptersAndNoHealthCheck() {
    Injector injector = injector(QueueModule.inProcess());
    assertThat(injector.getInstance(JobQueue.class)).isInstanceOf(InProcessJobQueue.class)
        .isSameAs(injector.getInstance(JobQueue.class));
    assertThat(injector.getInstance(SideEffectLedger.class)).isInstanceOf(InProcessSideEffectLedger.class);
    assertThat(injector.getInstance(Key.get(INDICATORS))).isEmpty();
    assertThat(injector.getInstance(ScheduleCalculator.class)).isInstanceOf(CronScheduleCalculator.class)
        .isSameAs(injector.getInstance(ScheduleCalculator.class));
  }

  @Test
  void redisBindsTheRedisAdaptersAndTheRedisHealthCheck() throws Exception {
    String url = System.getenv().getOrDefault("VA_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    String prefix = "vatest:" + UUID.randomUUID() + ":";
    Injector injector = injector(QueueModule.redis(url, prefix));
    try (RedisQueueConnection redis = injector.getInstance(RedisQueueConnection.class)) {
      JobQueue queue = injector.getInstance(JobQueue.class);
      assertThat(queue).isInstanceOf(RedisJobQueue.class);
      assertThat(injector.getInstance(SideEffectLedger.class)).isInstanceOf(RedisSideEffectLedger.class);
      assertThat(injector.getInstance(Key.get(INDICATORS))).singleElement().satisfies(indicator -> {
        assertThat(indicator.name()).isEqualTo("redis");
        assertThat(indicator.check().up()).isTrue();
      });

      Instant now = Instant.now();
      Job job = queue.enqueue(Job.create(null, "noop", "module-test", JobPriority.NORMAL, "{}", 1, now, null, now));
      var delivered = queue.fetch("w", Set.of("module-test"), 1, Duration.ZERO);
      assertThat(delivered).singleElement().satisfies(d -> assertThat(d.job().id()).isEqualTo(job.id()));
      assertThat(queue.ack(delivered.get(0))).isPresent();
      redis.connection().sync().del(prefix + "workers", prefix + "hb:w", prefix + "proc:w", prefix + "fetched:w");
      assertThat(redis.connection().sync().keys(prefix + "*")).as("nothing left under the prefix").isEmpty();
    }
  }
}
