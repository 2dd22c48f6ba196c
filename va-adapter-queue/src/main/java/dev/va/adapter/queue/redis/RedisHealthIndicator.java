package dev.va.adapter.queue.redis;

import dev.va.application.port.out.HealthIndicator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Readiness of Redis: a PING answered within the timeout. */
public final class RedisHealthIndicator implements HealthIndicator {
  private final StatefulRedisConnection<String, String> connection;
  private final Duration timeout;

  public RedisHealthIndicator(StatefulRedisConnection<String, String> connection, Duration timeout) {
    this.connection = connection;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public Health check() {
    try {
      String reply = connection.async().ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return "PONG".equals(reply) ? new Health(true, "PONG") : new Health(false, "unexpected reply " + reply);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Health(false, "interrupted");
    } catch (Exception e) {
      return new Health(false, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
