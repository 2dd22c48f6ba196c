package dev.va.adapter.web.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.va.adapter.web.WebServer;
import dev.va.adapter.web.http.ErrorResponse;
import dev.va.adapter.web.identity.Auth;
import dev.va.application.port.in.ScheduledTaskUseCases.CreateTask;
import dev.va.application.port.in.ScheduledTaskUseCases.CreateTaskCommand;
import dev.va.application.port.in.ScheduledTaskUseCases.DeleteTask;
import dev.va.application.port.in.ScheduledTaskUseCases.GetTask;
import dev.va.application.port.in.ScheduledTaskUseCases.ListTasks;
import dev.va.application.port.in.ScheduledTaskUseCases.PauseTask;
import dev.va.application.port.in.ScheduledTaskUseCases.PreviewFireTimes;
import dev.va.application.port.in.ScheduledTaskUseCases.ResumeTask;
import dev.va.application.port.in.ScheduledTaskUseCases.UpdateTask;
import dev.va.application.port.in.ScheduledTaskUseCases.UpdateTaskCommand;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.schedule.ScheduledTaskId;
import dev.va.domain.user.UserId;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiPropertyType;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiRequired;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The caller's scheduled tasks: each enqueues a job of its type on a cron schedule or at a fixed interval. */
public final class TaskController {
  static final String DEFAULT_ZONE = "UTC";
  static final int DEFAULT_PREVIEW = 5;

  /** A new task: exactly one of {@code cron} and {@code interval_seconds}. */
  public record CreateTaskRequest(
      @OpenApiRequired String name,
      @OpenApiDescription("5 fields, 6 with seconds first, or @hourly, @daily, @weekly, @monthly, @yearly")
      String cron,
      @OpenApiName("interval_seconds") @OpenApiDescription("fixed interval from the task's creation")
      Long intervalSeconds,
      @OpenApiDescription("IANA time zone the cron is read in (default UTC)") String zone,
      @OpenApiName("misfire_policy") @OpenApiDescription("fire_once (default) or skip") String misfirePolicy,
      @OpenApiRequired @OpenApiName("job_type") String jobType,
      @OpenApiPropertyType(definedBy = Object.class) @OpenApiDescription("JSON object of at most 64 KiB (default {})")
      JsonNode payload,
      Map<String, String> metadata,
      @OpenApiDescription("false creates the task paused (default true)") Boolean active) {}

  /** Fields to change; absent ones stay. A new schedule or zone restarts the task's timing. */
  public record UpdateTaskRequest(
      String name,
      String cron,
      @OpenApiName("interval_seconds") Long intervalSeconds,
      String zone,
      @OpenApiName("misfire_policy") String misfirePolicy,
      @OpenApiName("job_type") String jobType,
      @OpenApiPropertyType(definedBy = Object.class) JsonNode payload,
      Map<String, String> metadata) {}

  /** The caller's tasks, oldest first. */
  public record TaskList(List<TaskView> items) {}

  /** When a task fires next, and the zone its cron is read in. */
  public record FireTimes(@OpenApiName("fire_times") List<Instant> fireTimes, String zone) {}

  private final CreateTask createTask;
  private final ListTasks listTasks;
  private final GetTask getTask;
  private final UpdateTask updateTask;
  private final DeleteTask deleteTask;
  private final PauseTask pauseTask;
  private final ResumeTask resumeTask;
  private final PreviewFireTimes previewFireTimes;

  @Inject
  public TaskController(CreateTask createTask, ListTasks listTasks, GetTask getTask, UpdateTask updateTask,
      DeleteTask deleteTask, PauseTask pauseTask, ResumeTask resumeTask, PreviewFireTimes previewFireTimes) {
    this.createTask = createTask;
    this.listTasks = listTasks;
    this.getTask = getTask;
    this.updateTask = updateTask;
    this.deleteTask = deleteTask;
    this.pauseTask = pauseTask;
    this.resumeTask = resumeTask;
    this.previewFireTimes = previewFireTimes;
  }

  @OpenApi(
      path = JobsRoutes.TASKS,
      methods = HttpMethod.POST,
      operationId = "createTask",
      summary = "Schedule a recurring job",
      tags = "tasks",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = CreateTaskRequest.class)),
      responses = {
        @OpenApiResponse(status = "201", content = @OpenApiContent(from = TaskView.class)),
        @OpenApiResponse(status = "400", description = "invalid field: the error names it (cron, zone, job_type, "
            + "payload, schedule when both or neither of cron and interval_seconds are given, ...)",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void create(Context ctx) {
    CreateTaskRequest in = ctx.bodyAsClass(CreateTaskRequest.class);
    UserId user = Auth.user(ctx);
    ScheduledTask task = createTask.create(CreateTaskCommand.of(user, in.name(), in.cron(), in.intervalSeconds(),
        in.zone() == null ? DEFAULT_ZONE : in.zone(), in.misfirePolicy(), in.jobType(), Payloads.text(in.payload()),
        in.metadata()));
    // its first instant lies ahead, so pausing at once lets nothing fire
    if (Boolean.FALSE.equals(in.active())) task = pauseTask.pause(user, task.id());
    ctx.header(Header.LOCATION, JobsRoutes.TASKS + "/" + task.id());
    ctx.status(HttpStatus.CREATED).json(TaskView.of(task));
  }

  @OpenApi(
      path = JobsRoutes.TASKS,
      methods = HttpMethod.GET,
      operationId = "listTasks",
      summary = "The caller's scheduled tasks, oldest first",
      tags = "tasks",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = TaskList.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void list(Context ctx) {
    ctx.json(new TaskList(listTasks.list(Auth.user(ctx)).stream().map(TaskView::of).toList()));
  }

  @OpenApi(
      path = JobsRoutes.TASK,
      methods = HttpMethod.GET,
      operationId = "getTask",
      summary = "One of the caller's tasks",
      tags = "tasks",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true, description = "task id"),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = TaskView.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void show(Context ctx) {
    ctx.json(TaskView.of(getTask.get(Auth.user(ctx), taskId(ctx))));
  }

  @OpenApi(
      path = JobsRoutes.TASK,
      methods = HttpMethod.PATCH,
      operationId = "updateTask",
      summary = "Change some fields of one of the caller's tasks",
      tags = "tasks",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true, description = "task id"),
      requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = UpdateTaskRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = TaskView.class)),
        @OpenApiResponse(status = "400", description = "invalid field, named in the error",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void update(Context ctx) {
    UpdateTaskRequest in = ctx.bodyAsClass(UpdateTaskRequest.class);
    ctx.json(TaskView.of(updateTask.update(UpdateTaskCommand.of(Auth.user(ctx), taskId(ctx), in.name(), in.cron(),
        in.intervalSeconds(), in.zone(), in.misfirePolicy(), in.jobType(), Payloads.text(in.payload()),
        in.metadata()))));
  }

  @OpenApi(
      path = JobsRoutes.TASK,
      methods = HttpMethod.DELETE,
      operationId = "deleteTask",
      summary = "Delete one of the caller's tasks; jobs it already enqueued stay",
      tags = "tasks",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true, description = "task id"),
      responses = {
        @OpenApiResponse(status = "204"),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void delete(Context ctx) {
    deleteTask.delete(Auth.user(ctx), taskId(ctx));
    ctx.status(HttpStatus.NO_CONTENT);
  }

  @OpenApi(
      path = JobsRoutes.TASK_PAUSE,
      methods = HttpMethod.POST,
      operationId = "pauseTask",
      summary = "Stop a task from firing; instants passed while paused never fire",
      tags = "tasks",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true, description = "task id"),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = TaskView.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void pause(Context ctx) {
    ctx.json(TaskView.of(pauseTask.pause(Auth.user(ctx), taskId(ctx))));
  }

  @OpenApi(
      path = JobsRoutes.TASK_RESUME,
      methods = HttpMethod.POST,
      operationId = "resumeTask",
      summary = "Let a paused task fire again, from its next instant after now",
      tags = "tasks",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true, description = "task id"),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = TaskView.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void resume(Context ctx) {
    ctx.json(TaskView.of(resumeTask.resume(Auth.user(ctx), taskId(ctx))));
  }

  @OpenApi(
      path = JobsRoutes.TASK_NEXT,
      methods = HttpMethod.GET,
      operationId = "previewTaskFireTimes",
      summary = "The next instants a task fires at, from now, whether or not it is paused",
      description = "Cron expressions are read on the wall clock of the task's zone. A local time skipped by a "
          + "daylight saving change fires once, shifted by the gap (02:30 on the day Berlin springs forward fires "
          + "at 03:30 CEST); a repeated local time fires once, at its first occurrence.",
      tags = "tasks",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true, description = "task id"),
      queryParams = @OpenApiParam(name = "count", type = Integer.class, description = "1 to 100 (default 5)"),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = FireTimes.class)),
        @OpenApiResponse(status = "400", description = "invalid count",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void next(Context ctx) {
    int count = ctx.queryParamAsClass("count", Integer.class).getOrDefault(DEFAULT_PREVIEW);
    UserId user = Auth.user(ctx);
    ScheduledTask task = getTask.get(user, taskId(ctx));
    ctx.json(new FireTimes(previewFireTimes.nextFireTimes(user, task.id(), count), task.zone().getId()));
  }

  private static ScheduledTaskId taskId(Context ctx) {
    return ScheduledTaskId.parse(ctx.pathParam("id"), "id");
  }
}
