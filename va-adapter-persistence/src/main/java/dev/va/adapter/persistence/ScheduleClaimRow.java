package dev.va.adapter.persistence;

import dev.va.application.port.out.ScheduleClaims.Claim;
import dev.va.domain.schedule.ScheduledTaskId;
import java.time.Instant;
import java.util.UUID;

/** A claim and the current record of its job, read together. */
record ScheduleClaimRow(
    UUID taskId,
    Instant fireAt,
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

  Claim toDomain() {
    JobRow job = new JobRow(id, userId, type, queue, priority, payload, status, attempts, maxAttempts, runAt,
        idempotencyKey, progress, lastError, createdAt, startedAt, finishedAt, revision);
    return new Claim(new ScheduledTaskId(taskId), fireAt, job.toDomain());
  }
}
