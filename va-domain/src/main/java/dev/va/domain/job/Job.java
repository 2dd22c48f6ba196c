package dev.va.domain.job;

import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Instant;

/**
 * The record of one background job. {@code userId} is null for system jobs. {@code payload} is JSON text handed to
 * the job's handler as is.
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
    Instant finishedAt) {

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
  }

  public static Job create(UserId userId, String type, String queue, JobPriority priority, String payload,
      int maxAttempts, Instant runAt, String idempotencyKey, Instant now) {
    return new Job(JobId.random(), userId, type, queue, priority, payload, JobStatus.QUEUED, 0, maxAttempts, runAt,
        idempotencyKey, 0, null, now, null, null);
  }

  /**
   * Whether a record of {@code next} (the same job) may replace this one. A "queued" record can arrive late, from the
   * process that enqueued the job after a worker already took it: it never undoes a run that began or ended.
   */
  public boolean replaceableBy(Job next) {
    return !(next.status() == JobStatus.QUEUED && (status == JobStatus.RUNNING || status == JobStatus.SUCCEEDED
        || status == JobStatus.CANCELLED));
  }

  public Job started(Instant now) {
    return new Job(id, userId, type, queue, priority, payload, JobStatus.RUNNING, attempts + 1, maxAttempts, runAt,
        idempotencyKey, progress, lastError, createdAt, now, null);
  }

  public Job withProgress(int percent) {
    return new Job(id, userId, type, queue, priority, payload, status, attempts, maxAttempts, runAt,
        idempotencyKey, percent, lastError, createdAt, startedAt, finishedAt);
  }

  public Job succeeded(Instant now) {
    return new Job(id, userId, type, queue, priority, payload, JobStatus.SUCCEEDED, attempts, maxAttempts, runAt,
        idempotencyKey, 100, lastError, createdAt, startedAt, now);
  }

  /** A failed attempt: retried at {@code retryAt} while attempts remain, otherwise dead. */
  public Job failed(String error, Instant retryAt, Instant now) {
    boolean dead = attempts >= maxAttempts;
    return new Job(id, userId, type, queue, priority, payload, dead ? JobStatus.DEAD : JobStatus.FAILED, attempts,
        maxAttempts, dead ? runAt : retryAt, idempotencyKey, progress, error, createdAt, startedAt, now);
  }

  /** A failure that no retry can cure (unknown type, rejected payload): dead whatever attempts remain. */
  public Job buried(String error, Instant now) {
    return new Job(id, userId, type, queue, priority, payload, JobStatus.DEAD, attempts, maxAttempts, runAt,
        idempotencyKey, progress, error, createdAt, startedAt, now);
  }

  /** Handed back undone (worker shutting down, type at its concurrency limit): the delivery is not counted. */
  public Job released(Instant dueAt) {
    return new Job(id, userId, type, queue, priority, payload, JobStatus.QUEUED, Math.max(0, attempts - 1),
        maxAttempts, dueAt, idempotencyKey, progress, lastError, createdAt, null, null);
  }

  /** A dead job put back in its queue with fresh attempts; its last error stays for reference. */
  public Job redriven(Instant now) {
    return new Job(id, userId, type, queue, priority, payload, JobStatus.QUEUED, 0, maxAttempts, now,
        idempotencyKey, 0, lastError, createdAt, null, null);
  }

  public Job cancelled(Instant now) {
    return new Job(id, userId, type, queue, priority, payload, JobStatus.CANCELLED, attempts, maxAttempts, runAt,
        idempotencyKey, progress, lastError, createdAt, startedAt, now);
  }
}
