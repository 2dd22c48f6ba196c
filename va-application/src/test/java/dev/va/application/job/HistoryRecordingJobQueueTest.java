package dev.va.application.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fake.InMemoryJobQueue;
import dev.va.application.fake.SettableClock;
import dev.va.application.fake.RecordingJobHistory;
import dev.va.application.fixture.TestTimes;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobQueueContract;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobStatus;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistoryRecordingJobQueueTest implements JobQueueContract {
  private final RecordingJobHistory history = new RecordingJobHistory();

  @Override
  public JobQueue newQueue(SettableClock clock) {
    return new HistoryRecordingJobQueue(new InMemoryJobQueue(clock, heartbeatTtl()), history);
  }

  @Override
  public Duration heartbeatTtl() {
    return Duration.ofSeconds(5);
  }

  @Test
  void queuedCancelledAndRedrivenJobsAreRecordedButAnIdempotentRepeatIsNot() {
    SettableClock clock = new SettableClock(TestTimes.T0);
    JobQueue queue = newQueue(clock);
    Instant now = clock.instant();
    Job job = Job.create(UserId.random(), "report.send", Job.DEFAULT_QUEUE, dev.va.domain.job.JobPriority.NORMAL,
        "{}", 3, now, "once", now);

    queue.enqueue(job);
    queue.enqueue(Job.create(job.userId(), "report.send", Job.DEFAULT_QUEUE, job.priority(), "{}", 3, now, "once",
        now));
    queue.cancel(job.id());

    assertThat(history.all()).extracting(Job::status).containsExactly(JobStatus.QUEUED, JobStatus.CANCELLED);
    assertThat(history.all()).extracting(Job::id).containsOnly(job.id());
  }
}
