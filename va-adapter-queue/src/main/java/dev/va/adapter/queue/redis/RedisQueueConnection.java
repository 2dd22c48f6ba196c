package dev.va.adapter.queue.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;

/**
 * The Redis connection the queue, the ledger and the health check share, plus the pub/sub connection on which the
 * queue hears wake-ups; closing it frees their threads.
 */
public final class RedisQueueConnection implements AutoCloseable {
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final StatefulRedisPubSubConnection<String, String> signals;

  /** Connects at once, so a wrong URI fails at startup rather than on the first job. */
  public RedisQueueConnection(String redisUri, Duration commandTimeout) {
    RedisURI uri = RedisURI.create(redisUri);
    uri.setTimeout(commandTimeout);
    this.client = RedisClient.create(uri);
    try {
      this.connection = client.connect();
      this.signals = client.connectPubSub();
    } catch (RuntimeException e) {
      client.shutdown();
      throw e;
    }
  }

  public StatefulRedisConnection<String, String> connection() {
    return connection;
  }

  /** For {@link RedisJobQueue}'s wake-ups only: a connection that subscribed can send no other command. */
  public StatefulRedisPubSubConnection<String, String> signals() {
    return signals;
  }

  @Override
  public void close() {
    signals.close();
    connection.close();
    client.shutdown();
  }
}
