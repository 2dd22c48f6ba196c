package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobPriority;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link JobHistory} must show. */
public interface JobHistoryContract {
  JobHistory history();

  /**
   * The latest state recorded for {@code id}, read back through the implementation's store (flushing whatever it
   * buffers first).
   */
  Optional<Job> latest(JobId id);

  private static Job job(Instant now) {
    return Job.create(UserId.random(), "noop", Job.DEFAULT_QUEUE, JobPriority.NORMAL, "{\"a\":1}", 3, now, null, now);
  }

  @Test
  default void theLatestRecordedStateWins() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    Job queued = job(now);
    Job running = queued.started(now.plusSeconds(1));
    Job done = running.withProgress(50).succeeded(now.plusSeconds(2));

    history().record(running);
    assertThat(latest(queued.id())).contains(running);
    history().record(done);
    assertThat(latest(queued.id())).contains(done);
  }

  @Test
  default void aStateReportedLateNeverReplacesANewerOne() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    Job queued = job(now);
    Job failedOnce = queued.started(now).failed("boom", now.plusMillis(1), now.plusMillis(1));
    Job dead = failedOnce.started(now.plusMillis(2)).failed("boom", now.plusMillis(3), now.plusMillis(3))
        .started(now.plusMillis(4)).failed("boom", now.plusMillis(5), now.plusMillis(5));

    history().record(dead);
    history().record(failedOnce); // its worker was slower than the ones running the retries
    history().record(queued); // and the process that enqueued slower still

    assertThat(latest(queued.id())).contains(dead);
  }

  @Test
  default void recordsFromManyThreadsAreAllKept() throws Exception {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      List<Future<Job>> recorded = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        recorded.add(executor.submit(() -> {
          Job job = job(now).started(now);
          history().record(job);
          return job;
        }));
      }
      for (Future<Job> job : recorded) assertThat(latest(job.get().id())).contains(job.get());
    } finally {
      executor.shutdownNow();
    }
  }
}
