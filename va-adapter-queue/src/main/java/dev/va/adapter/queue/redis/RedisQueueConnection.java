package dev.va.adapter.queue.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;

/** The one Redis connection the queue, the ledger and the health check share; closing it frees its threads. */
public final class RedisQueueConnection implements AutoCloseable {
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  /** Connects at once, so a wrong URI fails at startup rather than on the first job. */
  public RedisQueueConnection(String redisUri, Duration commandTimeout) {
    RedisURI uri = RedisURI.create(redisUri);
    uri.setTimeout(commandTimeout);
    this.client = RedisClient.create(uri);
    try {
      this.connection = client.connect();
    } catch (RuntimeException e) {
      client.shutdown();
      throw e;
    }
  }

  public StatefulRedisConnection<String, String> connection() {
    return connection;
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
