package dev.va.adapter.web.jobs;

import dev.va.adapter.web.WebServer;
import dev.va.adapter.web.http.ErrorResponse;
import dev.va.adapter.web.identity.Auth;
import dev.va.application.port.in.JobUseCases.CancelJob;
import dev.va.application.port.in.JobUseCases.GetJob;
import dev.va.application.port.in.JobUseCases.JobDetails;
import dev.va.application.port.in.JobUseCases.ListJobs;
import dev.va.application.port.in.JobUseCases.ListJobsCommand;
import dev.va.application.port.in.JobUseCases.RetryJob;
import dev.va.application.port.out.Page;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobStatus;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import jakarta.inject.Inject;
import java.util.List;

/** The caller's background jobs: list, inspect, retry dead ones, cancel. */
public final class JobController {
  static final int DEFAULT_LIMIT = 50;

  /** A page of jobs, newest first; {@code next_cursor} is null on the last page. */
  public record JobPage(List<JobView> items, @OpenApiName("next_cursor") String nextCursor) {}

  private final ListJobs listJobs;
  private final GetJob getJob;
  private final RetryJob retryJob;
  private final CancelJob cancelJob;

  @Inject
  public JobController(ListJobs listJobs, GetJob getJob, RetryJob retryJob, CancelJob cancelJob) {
    this.listJobs = listJobs;
    this.getJob = getJob;
    this.retryJob = retryJob;
    this.cancelJob = cancelJob;
  }

  @OpenApi(
      path = JobsRoutes.JOBS,
      methods = HttpMethod.GET,
      operationId = "listJobs",
      summary = "The caller's jobs, newest first",
      tags = "jobs",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      queryParams = {
        @OpenApiParam(name = "status",
            description = "queued, running, succeeded, failed, dead or cancelled (any case)"),
        @OpenApiParam(name = "type", description = "job type, e.g. mail.sync"),
        @OpenApiParam(name = "queue", description = "queue name"),
        @OpenApiParam(name = "limit", type = Integer.class, description = "page size, 1 to 200 (default 50)"),
        @OpenApiParam(name = "cursor", description = "next_cursor of the previous page")
      },
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = JobPage.class)),
        @OpenApiResponse(status = "400", description = "invalid status, limit or cursor",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void list(Context ctx) {
    int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(DEFAULT_LIMIT);
    String cursor = ctx.queryParam("cursor");
    Page<Job> page = listJobs.list(ListJobsCommand.of(Auth.user(ctx), ctx.queryParam("status"),
        ctx.queryParam("type"), ctx.queryParam("queue"), limit, cursor == null || cursor.isBlank() ? null : cursor));
    ctx.json(new JobPage(page.items().stream().map(JobView::of).toList(), page.nextCursor()));
  }

  @OpenApi(
      path = JobsRoutes.JOB,
      methods = HttpMethod.GET,
      operationId = "getJob",
      summary = "One of the caller's jobs as it stands now, with the errors of its failed attempts",
      tags = "jobs",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true, description = "job id"),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = JobView.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void show(Context ctx) {
    JobDetails details = getJob.get(Auth.user(ctx), jobId(ctx));
    ctx.json(JobView.of(details.job(), details.errors()));
  }

  @OpenApi(
      path = JobsRoutes.JOB_RETRY,
      methods = HttpMethod.POST,
      operationId = "retryJob",
      summary = "Put a dead job back in its queue with fresh attempts",
      tags = "jobs",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true, description = "job id"),
      responses = {
        @OpenApiResponse(status = "200", description = "the job, queued again",
            content = @OpenApiContent(from = JobView.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "job_not_dead: only a dead job can be retried",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void retry(Context ctx) {
    ctx.json(JobView.of(retryJob.retry(Auth.user(ctx), jobId(ctx))));
  }

  @OpenApi(
      path = JobsRoutes.JOB_CANCEL,
      methods = HttpMethod.POST,
      operationId = "cancelJob",
      summary = "Cancel a waiting job, or ask a running one to stop",
      tags = "jobs",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true, description = "job id"),
      responses = {
        @OpenApiResponse(status = "200", description = "the job, cancelled",
            content = @OpenApiContent(from = JobView.class)),
        @OpenApiResponse(status = "202", description = "the job, still running: its handler was asked to stop and "
            + "it ends cancelled when it does", content = @OpenApiContent(from = JobView.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "job_finished: the job has already ended",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void cancel(Context ctx) {
    Job job = cancelJob.cancel(Auth.user(ctx), jobId(ctx));
    ctx.status(job.status() == JobStatus.CANCELLED ? HttpStatus.OK : HttpStatus.ACCEPTED).json(JobView.of(job));
  }

  private static JobId jobId(Context ctx) {
    return JobId.parse(ctx.pathParam("id"), "id");
  }
}
