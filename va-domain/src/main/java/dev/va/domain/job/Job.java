package dev.va.domain.job;

import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Instant;

/**
 * The record of one background job. {@code userId} is null for system jobs. {@code payload} is JSON text handed to
 * the job's handler as is. {@code revision} counts the job's state changes: every transition below adds one (a
 * progress report does not), and the queue, which makes the transitions one at a time, hands it out. States of a job
 * reported by several threads or processes can arrive out of order; the revision tells which one is newer.
 */
public record Job(
    JobId id,
    UserId userId,
    String type,
    String queue,
    JobPriority priority,
    String payload,
    JobStatus status,
    int attempts,
    int maxAttempts,
    Instant runAt,
    String idempotencyKey,
    int progress,
    String lastError,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    long revision) {

  public static final String DEFAULT_QUEUE = "default";

  public Job {
    Require.nonNull(id, "id");
    Require.notBlank(type, "type");
    Require.maxLength(type, 100, "type");
    Require.notBlank(queue, "queue");
    Require.maxLength(queue, 100, "queue");
    Require.nonNull(priority, "priority");
    payload = payload == null || payload.isBlank() ? "{}" : payload;
    Require.nonNull(status, "status");
    Require.that(attempts >= 0, "attempts", "attempts must not be negative");
    Require.range(maxAttempts, 1, 100, "max_attempts");
    Require.nonNull(runAt, "run_at");
    Require.maxLength(idempotencyKey, 200, "idempotency_key");
    Require.range(progress, 0, 100, "progress");
    Require.nonNull(createdAt, "created_at");
    Require.that(revision >= 0, "revision", "revision must not be negative");
  }

  public static Job create(UserId userId, String type, String queue, JobPriority priority, String payload,
      int maxAttempts, Instant runAt, String idempotencyKey, Instant now) {
    return new Job(JobId.random(), userId, type, queue, priority, payload, JobStatus.QUEUED, 0, maxAttempts, runAt,
        idempotencyKey, 0, null, now, null, null, 0);
  }

  /**
   * Whether a record of {@code next} (the same job) may replace this one: when it is not older. A state can arrive
   * late: the "queued" record of the process that enqueued after a worker already took the job, or the failed
   * attempt a worker reports after another worker already ran the retry.
   */
  public boolean replaceableBy(Job next) {
    return next.revision >= revision;
  }

  public Job started(Instant now) {
    return new Job(id, userId, type, queue, priority, payload, JobStatus.RUNNING, attempts + 1, maxAttempts, runAt,
        idempotencyKey, progress, lastError, createdAt, now, null, revision + 1);
  }

  public Job withProgress(int percent) {
    return new Job(id, userId, type, queue, priority, payload, status, attempts, maxAttempts, runAt,
        idempotencyKey, percent, lastError, createdAt, startedAt, finishedAt, revision);
  }

  public Job succeeded(Instant now) {
    return new Job(id, userId, type, queue, priority, payload, JobStatus.SUCCEEDED, attempts, maxAttempts, runAt,
        idempotencyKey, 100, lastError, createdAt, startedAt, now, revision + 1);
  }

  /** A failed attempt: retried at {@code retryAt} while attempts remain, otherwise dead. */
  public Job failed(String error, Instant retryAt, Instant now) {
    boolean dead = attempts >= maxAttempts;
    return new Job(id, userId, type, queue, priority, payload, dead ? JobStatus.DEAD : JobStatus.FAILED, attempts,
        maxAttempts, dead ? runAt : retryAt, idempotencyKey, progress, error, createdAt, startedAt, now, revision + 1);
  }

  /** A failure that no retry can cure (unknown type, rejected payload): dead whatever attempts remain. */
  public Job buried(String error, Instant now) {
    return new Job(id, userId, type, queue, priority, payload, JobStatus.DEAD, attempts, maxAttempts, runAt,
        idempotencyKey, progress, error, createdAt, startedAt, now, revision + 1);
  }

  /** Handed back undone (worker shutting down, type at its concurrency limit): the delivery is not counted. */
  public Job released(Instant dueAt) {
    return new Job(id, userId, type, queue, priority, payload, JobStatus.QUEUED, Math.max(0, attempts - 1),
        maxAttempts, dueAt, idempotencyKey, progress, lastError, createdAt, null, null, revision + 1);
  }

  /** A dead job put back in its queue with fresh attempts; its last error stays for reference. */
  public Job redriven(Instant now) {
    return new Job(id, userId, type, queue, priority, payload, JobStatus.QUEUED, 0, maxAttempts, now,
        idempotencyKey, 0, lastError, createdAt, null, null, revision + 1);
  }

  public Job cancelled(Instant now) {
    return new Job(id, userId, type, queue, priority, payload, JobStatus.CANCELLED, attempts, maxAttempts, runAt,
        idempotencyKey, progress, lastError, createdAt, startedAt, now, revision + 1);
  }
}
