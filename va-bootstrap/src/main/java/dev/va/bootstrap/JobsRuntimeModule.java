package dev.va.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.va.application.job.BatchingJobHistory;
import dev.va.application.job.JobHandler;
import dev.va.application.job.QueueRestore;
import dev.va.application.job.WorkerPool;
import dev.va.application.port.out.JobHistory;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.ScheduleCalculator;
import dev.va.application.port.out.ScheduleClaims;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.SideEffectLedger;
import dev.va.application.schedule.SchedulerLoop;
import dev.va.application.schedule.SchedulerService;
import dev.va.bootstrap.config.WorkerConfig;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Background work: the job history written to PostgreSQL in batches, the worker pool running every bound
 * {@link JobHandler}, and the scheduler loop. Features add handlers with
 * {@code Multibinder.newSetBinder(binder(), JobHandler.class).addBinding().to(...)}; {@link JobsRuntime} starts them.
 */
public final class JobsRuntimeModule extends AbstractModule {
  static final Duration SCHEDULER_PERIOD = Duration.ofSeconds(1);

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), JobHandler.class);
  }

  /** Owned by {@link JobsRuntime#start}, so that it is flushed before the database it writes to closes. */
  @Provides
  @Singleton
  BatchingJobHistory batchingJobHistory(JobRepository jobs) {
    return new BatchingJobHistory(jobs, BatchingJobHistory.Settings.defaults());
  }

  @Provides
  @Singleton
  JobHistory jobHistory(BatchingJobHistory history) {
    return history;
  }

  @Provides
  @Singleton
  WorkerPool workerPool(JobQueue queue, SideEffectLedger ledger, JobHistory history, Set<JobHandler> handlers,
      Clock clock, WorkerConfig config) {
    // Unique per process, readable in logs and in Redis: which host and process owns an in-flight job.
    String workerId = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    return new WorkerPool(queue, ledger, history, handlers, clock,
        WorkerPool.Settings.of(workerId, Math.max(1, config.threads()), new HashSet<>(config.queues())));
  }

  @Provides
  @Singleton
  QueueRestore queueRestore(JobRepository jobs, JobQueue queue, JobHistory history, Clock clock) {
    return new QueueRestore(jobs, queue, history, clock);
  }

  @Provides
  @Singleton
  SchedulerService scheduler(ScheduledTaskRepository tasks, ScheduleClaims claims, JobQueue queue,
      ScheduleCalculator calculator, Clock clock) {
    return new SchedulerService(tasks, claims, queue, calculator, clock, SchedulerService.Settings.defaults());
  }

  @Provides
  @Singleton
  SchedulerLoop schedulerLoop(SchedulerService scheduler) {
    return new SchedulerLoop(scheduler, SCHEDULER_PERIOD);
  }
}
