package dev.va.bootstrap.config;

import java.net.URI;

/** Where background jobs are queued: Redis, or memory when no Redis is configured. */
public sealed interface QueueConfig {

  /** @param url {@code redis://[user:password@]host:port[/db]} or {@code rediss://...} */
  record Redis(URI url) implements QueueConfig {
    @Override
    public String toString() {
      return "Redis[" + url.getScheme() + "://" + url.getHost() + ":" + url.getPort() + "]";
    }
  }

  /** Jobs live in this process only. */
  record InProcess() implements QueueConfig {}
}
