package dev.va.adapter.persistence;

import dev.va.domain.schedule.MisfirePolicy;
import dev.va.domain.schedule.Schedule;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.schedule.ScheduledTaskId;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** A row of {@code scheduled_tasks}: the schedule is its kind plus either a cron expression or an interval. */
record ScheduledTaskRow(
    UUID id,
    UUID userId,
    String name,
    String scheduleKind,
    String cronExpression,
    Long intervalNanos,
    String zone,
    boolean active,
    String misfirePolicy,
    String jobType,
    String payload,
    String metadata,
    Instant lastFiredAt,
    Instant nextFireAt,
    Instant createdAt,
    Instant updatedAt) {

  private static final String CRON = "CRON";
  private static final String INTERVAL = "INTERVAL";

  static ScheduledTaskRow of(ScheduledTask t) {
    String kind;
    String cron = null;
    Long nanos = null;
    if (t.schedule() instanceof Schedule.Cron c) {
      kind = CRON;
      cron = c.expression();
    } else {
      kind = INTERVAL;
      nanos = ((Schedule.Interval) t.schedule()).every().toNanos();
    }
    return new ScheduledTaskRow(t.id().value(), t.userId().value(), t.name(), kind, cron, nanos, t.zone().getId(),
        t.active(), t.misfirePolicy().name(), t.jobType(), t.payload(), Json.write(t.metadata()), t.lastFiredAt(),
        t.nextFireAt(), t.createdAt(), t.updatedAt());
  }

  ScheduledTask toDomain() {
    Schedule schedule = CRON.equals(scheduleKind)
        ? new Schedule.Cron(cronExpression)
        : new Schedule.Interval(Duration.ofNanos(intervalNanos));
    return new ScheduledTask(new ScheduledTaskId(id), new UserId(userId), name, schedule, ZoneId.of(zone), active,
        MisfirePolicy.valueOf(misfirePolicy), jobType, payload, Json.stringMap(metadata), lastFiredAt, nextFireAt,
        createdAt, updatedAt);
  }
}
