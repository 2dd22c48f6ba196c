package dev.va.bootstrap.bench;

import dev.va.adapter.queue.redis.RedisJobQueue;
import dev.va.adapter.queue.redis.RedisQueueConnection;
import dev.va.adapter.queue.redis.RedisSideEffectLedger;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The Redis a benchmark runs on: connections for producers and workers, keys under a random prefix that
 * {@link #close()} deletes (with any other pattern registered by {@link #deleteOnClose}).
 */
final class BenchRedis implements AutoCloseable {
  static final Duration HEARTBEAT_TTL = Duration.ofSeconds(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String url;
  private final String prefix = "vabench:" + UUID.randomUUID() + ":";
  private final RedisQueueConnection admin;
  private final List<RedisQueueConnection> opened = new ArrayList<>();
  private final List<String> patterns = new ArrayList<>();

  BenchRedis(String url) {
    this.url = url;
    try {
      this.admin = new RedisQueueConnection(url, TIMEOUT);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Redis is not reachable at " + url + " (set VA_REDIS_URL): " + e.getMessage(), e);
    }
    patterns.add(prefix + "*");
  }

  String url() {
    return url;
  }

  String prefix() {
    return prefix;
  }

  RedisCommands<String, String> commands() {
    return admin.connection().sync();
  }

  /** A queue on a connection of its own (so producers and workers do not share one pipeline). */
  RedisJobQueue newQueue(Clock clock) {
    RedisQueueConnection connection = open();
    return new RedisJobQueue(connection.connection(), connection.signals(), prefix, clock, HEARTBEAT_TTL);
  }

  RedisSideEffectLedger newLedger(Clock clock) {
    return new RedisSideEffectLedger(open().connection(), prefix, clock, Duration.ofHours(1));
  }

  private synchronized RedisQueueConnection open() {
    RedisQueueConnection connection = new RedisQueueConnection(url, TIMEOUT);
    opened.add(connection);
    return connection;
  }

  /** CPU seconds (user + system) the Redis server used so far. */
  double cpuSeconds() {
    double total = 0;
    for (String line : commands().info("cpu").split("\r?\n")) {
      if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
        total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return total;
  }

  synchronized void deleteOnClose(String pattern) {
    patterns.add(pattern);
  }

  long delete(String pattern) {
    long deleted = 0;
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = commands().scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000));
      if (!page.getKeys().isEmpty()) deleted += commands().unlink(page.getKeys().toArray(String[]::new));
      cursor = page;
    } while (!cursor.isFinished());
    return deleted;
  }

  @Override
  public synchronized void close() {
    try {
      for (String pattern : patterns) delete(pattern);
    } finally {
      opened.forEach(RedisQueueConnection::close);
      admin.close();
    }
  }
}
