package dev.va.bootstrap.config;

import java.util.List;

/**
 * Background work in this process.
 *
 * @param threads job handler threads; 0 runs no worker here (an API-only instance)
 * @param queues the queues this process serves
 * @param scheduler whether this process fires scheduled tasks (safe on any number of instances at once)
 */
public record WorkerConfig(int threads, List<String> queues, boolean scheduler) {
  public WorkerConfig {
    queues = List.copyOf(queues);
  }
}
