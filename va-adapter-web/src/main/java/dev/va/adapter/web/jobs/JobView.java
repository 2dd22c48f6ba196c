package dev.va.adapter.web.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.va.domain.job.Job;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiPropertyType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A background job as the API shows it; {@code errors} only on a single job. */
public record JobView(
    String id,
    String type,
    String queue,
    @OpenApiDescription("high, normal or low") String priority,
    @OpenApiDescription("queued, running, succeeded, failed (waiting for a retry), dead or cancelled") String status,
    int attempts,
    @OpenApiName("max_attempts") int maxAttempts,
    @OpenApiName("run_at") Instant runAt,
    @OpenApiName("idempotency_key") String idempotencyKey,
    @OpenApiDescription("0 to 100") int progress,
    @OpenApiName("last_error") String lastError,
    @OpenApiName("created_at") Instant createdAt,
    @OpenApiName("started_at") Instant startedAt,
    @OpenApiName("finished_at") Instant finishedAt,
    @OpenApiPropertyType(definedBy = Object.class) @OpenApiDescription("JSON handed to the job") JsonNode payload,
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @OpenApiDescription("errors of the failed attempts, oldest first, as far as they are kept") List<String> errors) {

  public static JobView of(Job job) {
    return of(job, null);
  }

  public static JobView of(Job job, List<String> errors) {
    return new JobView(job.id().toString(), job.type(), job.queue(), lower(job.priority()), lower(job.status()),
        job.attempts(), job.maxAttempts(), job.runAt(), job.idempotencyKey(), job.progress(), job.lastError(),
        job.createdAt(), job.startedAt(), job.finishedAt(), Payloads.tree(job.payload()), errors);
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
