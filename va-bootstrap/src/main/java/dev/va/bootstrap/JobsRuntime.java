package dev.va.bootstrap;

import com.google.inject.Injector;
import dev.va.application.job.BatchingJobHistory;
import dev.va.application.job.QueueRestore;
import dev.va.application.job.WorkerPool;
import dev.va.application.schedule.SchedulerLoop;
import dev.va.bootstrap.config.QueueConfig;
import dev.va.bootstrap.config.WorkerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores the in-process queue from the job history, then starts the worker pool and the scheduler as configured,
 * handing them to the lifecycle to stop in order.
 */
final class JobsRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(JobsRuntime.class);

  private JobsRuntime() {}

  /** Stopped by {@link Lifecycle#close()}: the scheduler first, then the workers, then the job history. */
  static void start(Injector injector) {
    WorkerConfig config = injector.getInstance(WorkerConfig.class);
    Lifecycle lifecycle = injector.getInstance(Lifecycle.class);
    // singletons are built with the injector, before the database is opened and owned: owning the history here
    // closes it (writing its last batch) before the database, and after the workers and scheduler below
    lifecycle.own(injector.getInstance(BatchingJobHistory.class));
    if (injector.getInstance(QueueConfig.class) instanceof QueueConfig.InProcess) {
      // the queue lived in the previous process's memory: its unfinished jobs come back from the job history
      QueueRestore.Result restored = injector.getInstance(QueueRestore.class).restore();
      if (restored.requeued() + restored.dead() > 0) {
        LOG.info("restored {} unfinished job(s) into the in-process queue; {} had no attempts left",
            restored.requeued(), restored.dead());
      }
    }
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
