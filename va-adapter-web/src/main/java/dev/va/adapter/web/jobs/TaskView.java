package dev.va.adapter.web.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.va.domain.schedule.Schedule;
import dev.va.domain.schedule.ScheduledTask;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiPropertyType;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** A scheduled task as the API shows it: exactly one of {@code cron} and {@code interval_seconds} is present. */
public record TaskView(
    String id,
    String name,
    @JsonInclude(JsonInclude.Include.NON_NULL) String cron,
    @JsonInclude(JsonInclude.Include.NON_NULL) @OpenApiName("interval_seconds") Long intervalSeconds,
    @OpenApiDescription("IANA time zone the cron expression is read in") String zone,
    boolean active,
    @OpenApiName("misfire_policy") @OpenApiDescription("fire_once or skip") String misfirePolicy,
    @OpenApiName("job_type") String jobType,
    @OpenApiPropertyType(definedBy = Object.class) @OpenApiDescription("JSON object handed to the job")
    JsonNode payload,
    Map<String, String> metadata,
    @OpenApiName("last_fired_at") Instant lastFiredAt,
    @OpenApiName("next_fire_at") Instant nextFireAt,
    @OpenApiName("created_at") Instant createdAt,
    @OpenApiName("updated_at") Instant updatedAt) {

  public static TaskView of(ScheduledTask task) {
    String cron = task.schedule() instanceof Schedule.Cron c ? c.expression() : null;
    Long interval = task.schedule() instanceof Schedule.Interval i ? i.every().toSeconds() : null;
    return new TaskView(task.id().toString(), task.name(), cron, interval, task.zone().getId(), task.active(),
        task.misfirePolicy().name().toLowerCase(Locale.ROOT), task.jobType(), Payloads.tree(task.payload()),
        task.metadata(), task.lastFiredAt(), task.nextFireAt(), task.createdAt(), task.updatedAt());
  }
}
