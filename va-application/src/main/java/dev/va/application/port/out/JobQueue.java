package dev.va.application.port.out;

import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reliable queue of jobs. A fetched job is owned by its worker until acked, failed, cancelled or released; a worker
 * keeps its jobs by heartbeating, and {@link #reap()} returns the jobs of a worker whose heartbeat lapsed (that
 * delivery counts as an attempt). Every call on a {@link Delivery} checks that the delivery still owns the job, so a
 * worker that lost a job (reaped, released) cannot ack or fail it twice: the call returns empty / false. A running
 * job whose cancellation was requested never goes back to the queue: failing, releasing or reaping it cancels it.
 *
 * <p>The queue holds a job while it is queued, running, waiting for a retry or dead; it forgets a job once it
 * succeeded or was cancelled ({@link #find} then returns empty): the job history keeps it from then on.
 */
public interface JobQueue {
  /**
   * A job handed to a worker: {@code job} as stored at fetch time (RUNNING, this delivery counted in
   * {@code attempts}, which also fences this delivery against later ones of the same job).
   */
  record Delivery(Job job, String workerId) {}

  /** A dead job with the errors of its attempts, oldest first (the adapter keeps the latest few). */
  record DeadLetter(Job job, List<String> errors) {
    public DeadLetter {
      errors = List.copyOf(errors);
    }
  }

  /**
   * Queues {@code job} (due at its {@code runAt}). When its idempotency key belongs to a job that is not finished, or
   * its id is already known, nothing is queued and the existing job is returned.
   */
  Job enqueue(Job job);

  /** {@link #enqueue} of each job, in one round trip where the adapter allows; results in the order given. */
  List<Job> enqueueAll(List<Job> jobs);

  /**
   * Up to {@code max} due jobs of {@code queues}, higher priority first, then oldest first within a queue, waiting up
   * to {@code wait} for the first one. Fetching also counts as a heartbeat of {@code workerId}.
   */
  List<Delivery> fetch(String workerId, Set<String> queues, int max, Duration wait) throws InterruptedException;

  /** The job succeeded; returns it SUCCEEDED, or empty when the delivery no longer owns the job. */
  Optional<Job> ack(Delivery delivery);

  /** {@link #ack} of each delivery in one round trip where the adapter allows; returns the jobs it acked. */
  List<Job> ackAll(List<Delivery> deliveries);

  /**
   * An attempt failed: retried at {@code retryAt} while attempts remain, otherwise dead; {@code retryAt == null}
   * means the job cannot succeed (unknown type, rejected payload) and is dead now. Returns the job FAILED or DEAD.
   */
  Optional<Job> fail(Delivery delivery, String error, Instant retryAt);

  /** The handler stopped after a cancellation request: the job ends CANCELLED. */
  Optional<Job> cancelled(Delivery delivery);

  /** Hands the job back undone, due at {@code dueAt}; the delivery is not counted as an attempt. */
  Optional<Job> release(Delivery delivery, Instant dueAt);

  /** Records progress (0–100) of a running job; false when the delivery no longer owns it. */
  boolean progress(Delivery delivery, int percent);

  /**
   * Cancels a queued or retry-waiting job (returned CANCELLED); a running job is asked to stop and returned as is
   * (see {@link #cancellationRequested}). Empty when the queue holds no such job or it is dead.
   */
  Optional<Job> cancel(JobId id);

  /** True once {@link #cancel} was called for this running job: its handler should stop cooperatively. */
  boolean cancellationRequested(JobId id);

  Optional<Job> find(JobId id);

  /** Newest dead jobs first. */
  List<DeadLetter> deadLetters(int limit);

  /** Puts a dead job back in its queue with fresh attempts; empty when it is not dead. */
  Optional<Job> redrive(JobId id);

  /** Keeps the jobs of {@code workerId} owned for the adapter's heartbeat time to live. */
  void heartbeat(String workerId);

  /**
   * Returns the jobs of workers whose heartbeat lapsed to their queue (or to the dead letters when that delivery
   * was their last attempt). Safe to run from any number of workers at once. Returns the jobs it took back, in their
   * new state, for the job history: nobody else reports them.
   */
  List<Job> reap();
}
