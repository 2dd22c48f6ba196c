package dev.va.bootstrap;

import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.Multibinder;
import dev.va.application.fake.InMemoryJobQueue;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.ScanningScheduleCalculator;
import dev.va.application.fake.SettableClock;
import dev.va.application.job.JobContext;
import dev.va.application.job.JobHandler;
import dev.va.application.job.JobService;
import dev.va.application.port.in.JobUseCases;
import dev.va.application.port.in.ScheduledTaskUseCases;
import dev.va.application.port.in.ScheduledTaskUseCases.CreateTaskCommand;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.ScheduleCalculator;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.schedule.ScheduledTaskService;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobsFeatureModuleTest {
  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T10:00:00Z"));

  /** A handler of {@code type} that does nothing. */
  private record Handler(String type) implements JobHandler {
    @Override
    public void handle(JobContext context) {}
  }

  /** The module over in-memory ports, with a handler of each of {@code handlerTypes}. */
  private Injector injector(String... handlerTypes) {
    return Guice.createInjector(new JobsFeatureModule(), binder -> {
      binder.bind(ScheduledTaskRepository.class).toInstance(repositories.tasks());
      binder.bind(JobRepository.class).toInstance(repositories.jobs());
      binder.bind(ScheduleCalculator.class).toInstance(new ScanningScheduleCalculator());
      binder.bind(JobQueue.class).toInstance(new InMemoryJobQueue(clock, Duration.ofSeconds(5)));
      binder.bind(Clock.class).toInstance(clock);
      Multibinder<JobHandler> handlers = Multibinder.newSetBinder(binder, JobHandler.class);
      for (String type : handlerTypes) handlers.addBinding().toInstance(new Handler(type));
    });
  }

  private CreateTaskCommand task(String jobType) {
    User owner = aUser().build();
    repositories.users().insert(owner);
    return CreateTaskCommand.of(owner.id(), "t", "@daily", null, "UTC", null, jobType, null, null);
  }

  @Test
  void tasks_may_enqueue_exactly_the_types_of_the_bound_handlers() {
    Injector injector = injector("report.send", "mail.sync");
    ScheduledTaskUseCases.CreateTask create = injector.getInstance(ScheduledTaskUseCases.CreateTask.class);

    assertThat(create.create(task("report.send")).jobType()).isEqualTo("report.send");
    assertThat(create.create(task("mail.sync")).jobType()).isEqualTo("mail.sync");
    assertThatThrownBy(() -> create.create(task("rocket.launch")))
        .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.field()).isEqualTo("job_type"));
  }

  @Test
  void without_handlers_no_job_type_is_accepted() {
    ScheduledTaskUseCases.CreateTask create = injector().getInstance(ScheduledTaskUseCases.CreateTask.class);
    assertThatThrownBy(() -> create.create(task("report.send")))
        .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.field()).isEqualTo("job_type"));
  }

  @Test
  void every_use_case_is_one_service_instance() {
    Injector injector = injector();
    ScheduledTaskService tasks = injector.getInstance(ScheduledTaskService.class);
    for (Class<?> useCase : List.of(ScheduledTaskUseCases.CreateTask.class, ScheduledTaskUseCases.ListTasks.class,
        ScheduledTaskUseCases.GetTask.class, ScheduledTaskUseCases.UpdateTask.class,
        ScheduledTaskUseCases.DeleteTask.class, ScheduledTaskUseCases.PauseTask.class,
        ScheduledTaskUseCases.ResumeTask.class, ScheduledTaskUseCases.PreviewFireTimes.class)) {
      assertThat(injector.getInstance(useCase)).as(useCase.getSimpleName()).isSameAs(tasks);
    }
    JobService jobs = injector.getInstance(JobService.class);
    for (Class<?> useCase : List.of(JobUseCases.ListJobs.class, JobUseCases.GetJob.class,
        JobUseCases.RetryJob.class, JobUseCases.CancelJob.class)) {
      assertThat(injector.getInstance(useCase)).as(useCase.getSimpleName()).isSameAs(jobs);
    }
  }
}
