package dev.va.adapter.persistence;

import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobPriority;
import dev.va.domain.job.JobStatus;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code jobs}; {@code userId} is null for system jobs. */
record JobRow(
    UUID id,
    UUID userId,
    String type,
    String queue,
    String priority,
    String payload,
    String status,
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

  static JobRow of(Job j) {
    return new JobRow(j.id().value(), j.userId() == null ? null : j.userId().value(), j.type(), j.queue(),
        j.priority().name(), j.payload(), j.status().name(), j.attempts(), j.maxAttempts(), j.runAt(),
        j.idempotencyKey(), j.progress(), j.lastError(), j.createdAt(), j.startedAt(), j.finishedAt(),
        j.revision());
  }

  Job toDomain() {
    return new Job(new JobId(id), userId == null ? null : new UserId(userId), type, queue,
        JobPriority.valueOf(priority), payload, JobStatus.valueOf(status), attempts, maxAttempts, runAt,
        idempotencyKey, progress, lastError, createdAt, startedAt, finishedAt, revision);
  }
}
