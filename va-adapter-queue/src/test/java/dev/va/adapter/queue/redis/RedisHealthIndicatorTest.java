package dev.va.adapter.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.port.out.HealthIndicator.Health;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisHealthIndicatorTest {
  @Test
  void upWhenRedisAnswersPing() {
    try (TestRedis redis = new TestRedis()) {
      RedisHealthIndicator indicator = new RedisHealthIndicator(redis.connection(), Duration.ofSeconds(2));
      assertThat(indicator.name()).isEqualTo("redis");
      assertThat(indicator.check()).isEqualTo(new Health(true, "PONG"));
    }
  }

  @Test
  void downWithTheReasonWhenTheConnectionIsGone() {
    try (TestRedis redis = new TestRedis()) {
      RedisClient client = RedisClient.create(RedisURI.create(
          System.getenv().getOrDefault("VA_TEST_REDIS_URL", "redis://127.0.0.1:6379")));
      StatefulRedisConnection<String, String> connection = client.connect();
      connection.close();
      Health health = new RedisHealthIndicator(connection, Duration.ofSeconds(2)).check();
      client.shutdown();
      assertThat(health.up()).isFalse();
      assertThat(health.detail()).isNotBlank();
    }
  }
}
