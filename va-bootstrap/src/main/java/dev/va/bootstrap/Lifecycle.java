package dev.va.bootstrap;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a running va owns and must release on stop, closed in reverse order of acquisition. */
public final class Lifecycle implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

  private final Deque<AutoCloseable> owned = new ArrayDeque<>();

  public synchronized <T extends AutoCloseable> T own(T resource) {
    owned.push(resource);
    return resource;
  }

  @Override
  public synchronized void close() {
    while (!owned.isEmpty()) {
      AutoCloseable resource = owned.pop();
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", resource.getClass().getSimpleName(), e);
      }
    }
  }
}
