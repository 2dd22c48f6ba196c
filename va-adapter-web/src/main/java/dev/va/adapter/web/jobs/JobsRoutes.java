package dev.va.adapter.web.jobs;

import dev.va.adapter.web.ApiRoutes;
import io.javalin.Javalin;
import jakarta.inject.Inject;

/** Scheduled tasks and background jobs of the caller. */
public final class JobsRoutes implements ApiRoutes {
  public static final String TASKS = BASE_PATH + "/tasks";
  public static final String TASK = TASKS + "/{id}";
  public static final String TASK_PAUSE = TASK + "/pause";
  public static final String TASK_RESUME = TASK + "/resume";
  public static final String TASK_NEXT = TASK + "/next";
  public static final String JOBS = BASE_PATH + "/jobs";
  public static final String JOB = JOBS + "/{id}";
  public static final String JOB_RETRY = JOB + "/retry";
  public static final String JOB_CANCEL = JOB + "/cancel";

  private final TaskController tasks;
  private final JobController jobs;

  @Inject
  public JobsRoutes(TaskController tasks, JobController jobs) {
    this.tasks = tasks;
    this.jobs = jobs;
  }

  @Override
  public void register(Javalin app) {
    app.post(TASKS, tasks::create);
    app.get(TASKS, tasks::list);
    app.get(TASK, tasks::show);
    app.patch(TASK, tasks::update);
    app.delete(TASK, tasks::delete);
    app.post(TASK_PAUSE, tasks::pause);
    app.post(TASK_RESUME, tasks::resume);
    app.get(TASK_NEXT, tasks::next);
    app.get(JOBS, jobs::list);
    app.get(JOB, jobs::show);
    app.post(JOB_RETRY, jobs::retry);
    app.post(JOB_CANCEL, jobs::cancel);
  }
}
