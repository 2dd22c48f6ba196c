package dev.va.adapter.web.jobs;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.va.adapter.web.ApiRoutes;

/**
 * Adds the task and job routes to the API. Needs bindings from elsewhere for the use cases of
 * {@code ScheduledTaskUseCases} (CreateTask, ListTasks, GetTask, UpdateTask, DeleteTask, PauseTask, ResumeTask,
 * PreviewFireTimes) and {@code JobUseCases} (ListJobs, GetJob, RetryJob, CancelJob); its routes are authenticated by
 * the bearer check of {@code IdentityWebModule}.
 */
public final class JobsWebModule extends AbstractModule {
  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), ApiRoutes.class).addBinding().to(JobsRoutes.class);
  }
}
