package dev.va.application.port.in;

import dev.va.application.port.out.ScheduleCalculator;
import dev.va.application.schedule.JsonPayload;
import dev.va.domain.schedule.MisfirePolicy;
import dev.va.domain.schedule.Schedule;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.schedule.ScheduledTaskId;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scheduled tasks of a user: create, read, change, pause, resume, delete, and preview when they fire. A
 * namespace: each nested interface is one use case with its command records. Every use case is scoped to the user:
 * another user's task is reported as not found. Cron syntax and job types are checked by the service (field "cron",
 * "job_type"); everything else by the commands.
 */
public interface ScheduledTaskUseCases {
  int MAX_METADATA_ENTRIES = 50;
  int MAX_METADATA_KEY = 100;
  int MAX_METADATA_VALUE = 1000;

  /** A new task. {@code misfirePolicy} null means FIRE_ONCE; {@code payload} null or blank means "{}". */
  record CreateTaskCommand(UserId user, String name, Schedule schedule, ZoneId zone, MisfirePolicy misfirePolicy,
      String jobType, String payload, Map<String, String> metadata) {
    public CreateTaskCommand {
      Require.nonNull(user, "user");
      name = ScheduledTaskUseCases.checkName(name);
      Require.nonNull(schedule, "schedule");
      Require.nonNull(zone, "zone");
      misfirePolicy = misfirePolicy == null ? MisfirePolicy.FIRE_ONCE : misfirePolicy;
      jobType = ScheduledTaskUseCases.checkJobType(jobType);
      payload = JsonPayload.requireObject(payload, "payload");
      metadata = ScheduledTaskUseCases.checkMetadata(metadata);
    }

    /** From the values of a request: exactly one of {@code cron} and {@code intervalSeconds}, zone as an IANA id. */
    public static CreateTaskCommand of(UserId user, String name, String cron, Long intervalSeconds, String zone,
        String misfirePolicy, String jobType, String payload, Map<String, String> metadata) {
      Schedule schedule = parseSchedule(cron, intervalSeconds);
      Require.that(schedule != null, "schedule", "either cron or interval_seconds is required");
      return new CreateTaskCommand(user, name, schedule, parseZone(Require.nonNull(zone, "zone")),
          parseMisfirePolicy(misfirePolicy), jobType, payload, metadata);
    }
  }

  /** Changes to a task; every null value keeps what the task has. A new schedule or zone restarts its timing. */
  record UpdateTaskCommand(UserId user, ScheduledTaskId task, String name, Schedule schedule, ZoneId zone,
      MisfirePolicy misfirePolicy, String jobType, String payload, Map<String, String> metadata) {
    public UpdateTaskCommand {
      Require.nonNull(user, "user");
      Require.nonNull(task, "task");
      if (name != null) name = ScheduledTaskUseCases.checkName(name);
      if (jobType != null) jobType = ScheduledTaskUseCases.checkJobType(jobType);
      if (payload != null) payload = JsonPayload.requireObject(payload, "payload");
      if (metadata != null) metadata = ScheduledTaskUseCases.checkMetadata(metadata);
    }

    /** From the values of a request; at most one of {@code cron} and {@code intervalSeconds}. */
    public static UpdateTaskCommand of(UserId user, ScheduledTaskId task, String name, String cron,
        Long intervalSeconds, String zone, String misfirePolicy, String jobType, String payload,
        Map<String, String> metadata) {
      return new UpdateTaskCommand(user, task, name, parseSchedule(cron, intervalSeconds),
          zone == null ? null : parseZone(zone), parseMisfirePolicy(misfirePolicy), jobType, payload, metadata);
    }
  }

  /** A schedule from a cron expression or a number of seconds; null when neither is given. */
  static Schedule parseSchedule(String cron, Long intervalSeconds) {
    if (cron != null && intervalSeconds != null) {
      throw new DomainValidationException("schedule", "give either cron or interval_seconds, not both");
    }
    if (cron != null) return new Schedule.Cron(cron);
    if (intervalSeconds == null) return null;
    Require.that(intervalSeconds >= 1 && intervalSeconds <= Duration.ofDays(3660).toSeconds(), "interval_seconds",
        "interval_seconds must be between 1 and " + Duration.ofDays(3660).toSeconds());
    return new Schedule.Interval(Duration.ofSeconds(intervalSeconds));
  }

  /** An IANA zone id such as "Europe/Berlin", or "UTC". */
  static ZoneId parseZone(String id) {
    try {
      return ZoneId.of(id.trim());
    } catch (DateTimeException e) {
      throw new DomainValidationException("zone", "zone '" + id + "' is not a known time zone; use an IANA id such"
          + " as Europe/Berlin, America/New_York or UTC");
    }
  }

  /** FIRE_ONCE or SKIP in any case; null stays null. */
  static MisfirePolicy parseMisfirePolicy(String text) {
    if (text == null) return null;
    try {
      return MisfirePolicy.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new DomainValidationException("misfire_policy", "misfire_policy must be FIRE_ONCE or SKIP");
    }
  }

  private static String checkName(String name) {
    Require.notBlank(name, "name");
    return Require.maxLength(name.trim(), 200, "name");
  }

  private static String checkJobType(String jobType) {
    Require.notBlank(jobType, "job_type");
    return Require.maxLength(jobType.trim(), 100, "job_type");
  }

  private static Map<String, String> checkMetadata(Map<String, String> metadata) {
    if (metadata == null) return Map.of();
    Require.that(metadata.size() <= MAX_METADATA_ENTRIES, "metadata",
        "metadata may have at most " + MAX_METADATA_ENTRIES + " entries");
    metadata.forEach((key, value) -> {
      Require.that(key != null && !key.isBlank() && key.length() <= MAX_METADATA_KEY, "metadata",
          "metadata keys must be 1 to " + MAX_METADATA_KEY + " characters");
      Require.that(value != null && value.length() <= MAX_METADATA_VALUE, "metadata",
          "metadata values must be present and at most " + MAX_METADATA_VALUE + " characters");
    });
    return Map.copyOf(metadata);
  }

  interface CreateTask {
    ScheduledTask create(CreateTaskCommand command);
  }

  /** Oldest first. */
  interface ListTasks {
    List<ScheduledTask> list(UserId user);
  }

  interface GetTask {
    ScheduledTask get(UserId user, ScheduledTaskId task);
  }

  interface UpdateTask {
    ScheduledTask update(UpdateTaskCommand command);
  }

  interface DeleteTask {
    void delete(UserId user, ScheduledTaskId task);
  }

  /** Stops a task from firing; instants passed while paused never fire. */
  interface PauseTask {
    ScheduledTask pause(UserId user, ScheduledTaskId task);
  }

  /** Lets a paused task fire again, from its next instant after now. */
  interface ResumeTask {
    ScheduledTask resume(UserId user, ScheduledTaskId task);
  }

  /** The next {@code count} (1 to {@link ScheduleCalculator#MAX_PREVIEW}) instants the task fires at, from now. */
  interface PreviewFireTimes {
    List<Instant> nextFireTimes(UserId user, ScheduledTaskId task, int count);
  }
}
