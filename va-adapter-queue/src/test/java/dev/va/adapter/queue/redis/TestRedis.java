package dev.va.adapter.queue.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The local Redis of the tests ({@code VA_TEST_REDIS_URL}, else redis://127.0.0.1:6379). Every prefix it hands out
 * is random, and {@link #close()} deletes the keys under them.
 */
final class TestRedis implements AutoCloseable {
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final StatefulRedisPubSubConnection<String, String> signals;
  private final List<String> prefixes = new ArrayList<>();

  TestRedis() {
    String url = url();
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(Duration.ofSeconds(5));
    client = RedisClient.create(uri);
    try {
      connection = client.connect();
      signals = client.connectPubSub();
    } catch (RuntimeException e) {
      client.shutdown();
      throw new IllegalStateException("Redis is not reachable at " + url + ": start one (redis-server --daemonize yes"
          + " --bind 127.0.0.1 --port 6379 --save \"\" --appendonly no) or set VA_TEST_REDIS_URL", e);
    }
  }

  static String url() {
    return System.getenv().getOrDefault("VA_TEST_REDIS_URL", "redis://127.0.0.1:6379");
  }

  StatefulRedisConnection<String, String> connection() {
    return connection;
  }

  StatefulRedisPubSubConnection<String, String> signals() {
    return signals;
  }

  /** A queue under a new prefix. */
  RedisJobQueue newQueue(Clock clock, Duration heartbeatTtl) {
    return new RedisJobQueue(connection, signals, newPrefix(), clock, heartbeatTtl);
  }

  synchronized String newPrefix() {
    String prefix = "vatest:" + UUID.randomUUID() + ":";
    prefixes.add(prefix);
    return prefix;
  }

  /** How many keys exist under {@code prefix}. */
  long keysUnder(String prefix) {
    return scan(prefix).size();
  }

  private List<String> scan(String prefix) {
    List<String> keys = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
      keys.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished());
    return keys;
  }

  @Override
  public void close() {
    try {
      for (String prefix : prefixes) {
        List<String> keys = scan(prefix);
        if (!keys.isEmpty()) connection.sync().del(keys.toArray(String[]::new));
      }
    } finally {
      signals.close();
      connection.close();
      client.shutdown();
    }
  }
}
