package dev.va.domain.schedule;

import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/** A recurring job: when it fires (in its own time zone), what job it enqueues, and whether it is active. */
public record ScheduledTask(
    ScheduledTaskId id,
    UserId userId,
    String name,
    Schedule schedule,
    ZoneId zone,
    boolean active,
    MisfirePolicy misfirePolicy,
    String jobType,
    String payload,
    Map<String, String> metadata,
    Instant lastFiredAt,
    Instant nextFireAt,
    Instant createdAt,
    Instant updatedAt) {

  public ScheduledTask {
    Require.nonNull(id, "id");
    Require.nonNull(userId, "user_id");
    Require.notBlank(name, "name");
    Require.maxLength(name, 200, "name");
    Require.nonNull(schedule, "schedule");
    Require.nonNull(zone, "zone");
    Require.nonNull(misfirePolicy, "misfire_policy");
    Require.notBlank(jobType, "job_type");
    Require.maxLength(jobType, 100, "job_type");
    payload = payload == null || payload.isBlank() ? "{}" : payload;
    metadata = Map.copyOf(metadata == null ? Map.of() : metadata);
    Require.nonNull(createdAt, "created_at");
    Require.nonNull(updatedAt, "updated_at");
  }

  public ScheduledTask withActive(boolean value, Instant now) {
    return new ScheduledTask(id, userId, name, schedule, zone, value, misfirePolicy, jobType, payload, metadata,
        lastFiredAt, nextFireAt, createdAt, now);
  }

  /** Records that the task fired for {@code instant} and when it fires next ({@code null}: never). */
  public ScheduledTask fired(Instant instant, Instant next, Instant now) {
    return new ScheduledTask(id, userId, name, schedule, zone, active, misfirePolicy, jobType, payload, metadata,
        instant, next, createdAt, now);
  }
}
