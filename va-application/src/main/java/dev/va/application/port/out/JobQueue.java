package dev.va.application.port.out;

import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reliable queue of jobs: a fetched job stays owned by its worker until acked or failed, and comes back to the
 * queue if the worker dies. Enqueueing with an idempotency key that is queued or running returns that job.
 */
public interface JobQueue {
  /** A job handed to a worker. */
  record Delivery(Job job, String workerId) {}

  Job enqueue(Job job);

  /** Waits up to {@code wait} for a due job of one of {@code queues}; higher priority first. */
  Optional<Delivery> fetch(String workerId, Set<String> queues, Duration wait) throws InterruptedException;

  void ack(Delivery delivery);

  /** Schedules a retry at {@code retryAt} while attempts remain; otherwise moves the job to the dead letters. */
  void fail(Delivery delivery, String error, Instant retryAt);

  /** Cancels a queued job; a running one is asked to stop. False when there was nothing to cancel. */
  boolean cancel(JobId id);

  List<Job> deadLetters(int limit);

  /** Puts a dead job back in its queue with fresh attempts. */
  boolean redrive(JobId id);
}
