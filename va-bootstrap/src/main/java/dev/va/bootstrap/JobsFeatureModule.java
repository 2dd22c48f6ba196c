package dev.va.bootstrap;

import static java.util.stream.Collectors.toUnmodifiableSet;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.va.application.job.JobHandler;
import dev.va.application.job.JobService;
import dev.va.application.port.in.JobUseCases;
import dev.va.application.port.in.ScheduledTaskUseCases;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.ScheduleCalculator;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.schedule.ScheduledTaskService;
import java.time.Clock;
import java.util.Set;

/**
 * The task and job use cases. Features contribute job handlers with
 * {@code Multibinder.newSetBinder(binder(), JobHandler.class).addBinding().to(...)}; tasks may enqueue only the types
 * of the handlers bound. Needs {@link ScheduledTaskRepository}, {@link JobRepository}, {@link ScheduleCalculator},
 * {@link JobQueue} and {@link Clock} bound elsewhere.
 */
public final class JobsFeatureModule extends AbstractModule {
  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), JobHandler.class);
    bind(ScheduledTaskUseCases.CreateTask.class).to(ScheduledTaskService.class);
    bind(ScheduledTaskUseCases.ListTasks.class).to(ScheduledTaskService.class);
    bind(ScheduledTaskUseCases.GetTask.class).to(ScheduledTaskService.class);
    bind(ScheduledTaskUseCases.UpdateTask.class).to(ScheduledTaskService.class);
    bind(ScheduledTaskUseCases.DeleteTask.class).to(ScheduledTaskService.class);
    bind(ScheduledTaskUseCases.PauseTask.class).to(ScheduledTaskService.class);
    bind(ScheduledTaskUseCases.ResumeTask.class).to(ScheduledTaskService.class);
    bind(ScheduledTaskUseCases.PreviewFireTimes.class).to(ScheduledTaskService.class);
    bind(JobUseCases.ListJobs.class).to(JobService.class);
    bind(JobUseCases.GetJob.class).to(JobService.class);
    bind(JobUseCases.RetryJob.class).to(JobService.class);
    bind(JobUseCases.CancelJob.class).to(JobService.class);
  }

  @Provides
  @Singleton
  ScheduledTaskService scheduledTaskService(ScheduledTaskRepository tasks, ScheduleCalculator calculator,
      Set<JobHandler> handlers, Clock clock) {
    Set<String> jobTypes = handlers.stream().map(JobHandler::type).collect(toUnmodifiableSet());
    return new ScheduledTaskService(tasks, calculator, jobTypes, clock);
  }

  @Provides
  @Singleton
  JobService jobService(JobRepository jobs, JobQueue queue, Clock clock) {
    return new JobService(jobs, queue, clock);
  }
}
