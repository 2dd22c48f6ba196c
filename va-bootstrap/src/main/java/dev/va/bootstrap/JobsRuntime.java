package dev.va.bootstrap;

import com.google.inject.Injector;
import dev.va.application.job.WorkerPool;
import dev.va.application.schedule.SchedulerLoop;
import dev.va.bootstrap.config.WorkerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the worker pool and the scheduler as configured, handing them to the lifecycle to stop in order. */
final class JobsRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(JobsRuntime.class);

  private JobsRuntime() {}

  /** Stopped by {@link Lifecycle#close()}: the scheduler first, then the workers, then the job history. */
  static void start(Injector injector) {
    WorkerConfig config = injector.getInstance(WorkerConfig.class);
    Lifecycle lifecycle = injector.getInstance(Lifecycle.class);
    if (config.threads() > 0) {
      WorkerPool pool = injector.getInstance(WorkerPool.class);
      pool.start();
      lifecycle.own(pool);
      LOG.info("{} worker thread(s) serving queue(s) {}", config.threads(), config.queues());
    }
    if (config.scheduler()) {
      SchedulerLoop loop = injector.getInstance(SchedulerLoop.class);
      loop.start();
      lifecycle.own(loop);
    }
  }
}
