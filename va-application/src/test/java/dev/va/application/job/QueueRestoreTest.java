package dev.va.application.job;

import static dev.va.application.fixture.JobBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fake.InMemoryJobQueue;
import dev.va.application.fake.InMemoryJobRepository;
import dev.va.application.fake.RecordingJobHistory;
import dev.va.application.fake.SettableClock;
import dev.va.application.fixture.TestTimes;
import dev.va.application.port.out.JobQueue.Delivery;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueRestoreTest {
  private final SettableClock clock = new SettableClock(TestTimes.at(3_600));
  private final InMemoryJobRepository jobs = new InMemoryJobRepository();
  private final InMemoryJobQueue queue = new InMemoryJobQueue(clock, Duration.ofSeconds(30));
  private final RecordingJobHistory history = new RecordingJobHistory();
  private final QueueRestore restore = new QueueRestore(jobs, queue, history, clock);

  private List<Delivery> fetchAll() throws InterruptedException {
    return queue.fetch("w", Set.of("mail"), 100, Duration.ZERO);
  }

  @Test
  void putsQueuedAndRetryWaitingJobsBackDueWhenTheyWereDue() throws InterruptedException {
    Job queued = aJob(null).fresh().build();
    Job retrying = aJob(null).build(); // FAILED after 2 of 5 attempts, retry due at T0+120 s
    Job later = aJob(null).fresh().build();
    Job laterWaiting = new Job(later.id(), null, later.type(), later.queue(), later.priority(), later.payload(),
        JobStatus.FAILED, 1, 5, clock.instant().plusSeconds(600), null, 0, "timeout", later.createdAt(),
        later.createdAt(), later.createdAt(), later.revision() + 2);
    jobs.upsertAll(List.of(queued, retrying, laterWaiting));

    assertThat(restore.restore()).isEqualTo(new QueueRestore.Result(3, 0));

    List<Delivery> due = fetchAll();
    assertThat(due).extracting(d -> d.job().id()).containsExactlyInAnyOrder(queued.id(), retrying.id());
    Job retried = due.stream().filter(d -> d.job().id().equals(retrying.id())).findFirst().orElseThrow().job();
    assertThat(retried.attempts()).isEqualTo(3); // two before the restart, this one
    assertThat(retried.payload()).isEqualTo(retrying.payload());
    assertThat(retried.idempotencyKey()).isEqualTo(retrying.idempotencyKey());

    clock.advance(Duration.ofSeconds(601));
    assertThat(fetchAll()).extracting(d -> d.job().id()).containsExactly(laterWaiting.id());
  }

  @Test
  void aJobThatWasRunningLosesThatAttemptAndIsDeadWithoutAttemptsLeft() throws InterruptedException {
    Job running = aJob(null).status(JobStatus.RUNNING).build(); // attempt 2 of 5 in progress
    Job lastTry = new Job(aJob(null).build().id(), null, "mail.sync", "mail", running.priority(), "{}",
        JobStatus.RUNNING, 5, 5, TestTimes.T0, null, 0, null, TestTimes.T0, TestTimes.T0, null, 9);
    jobs.upsertAll(List.of(running, lastTry));

    assertThat(restore.restore()).isEqualTo(new QueueRestore.Result(1, 1));

    assertThat(history.latest(lastTry.id()).orElseThrow().status()).isEqualTo(JobStatus.DEAD);
    assertThat(history.latest(lastTry.id()).orElseThrow().lastError()).isEqualTo(QueueRestore.INTERRUPTED);
    assertThat(history.of(running.id())).extracting(Job::status).containsExactly(JobStatus.FAILED);
    List<Delivery> due = fetchAll();
    assertThat(due).extracting(d -> d.job().id()).containsExactly(running.id());
    assertThat(due.get(0).job().attempts()).isEqualTo(3);
  }

  @Test
  void leavesFinishedJobsAloneAndPagesThroughMany() throws InterruptedException {
    List<Job> many = new ArrayList<>();
    for (int i = 0; i < QueueRestore.PAGE * 2 + 7; i++) {
      many.add(aJob(null).fresh().createdAt(TestTimes.at(i)).build());
    }
    jobs.upsertAll(many);
    jobs.upsertAll(List.of(aJob(null).status(JobStatus.SUCCEEDED).build(), aJob(null).status(JobStatus.DEAD).build(),
        aJob(null).status(JobStatus.CANCELLED).build()));

    assertThat(restore.restore()).isEqualTo(new QueueRestore.Result(many.size(), 0));

    List<Delivery> due = new ArrayList<>();
    for (List<Delivery> batch = fetchAll(); !batch.isEmpty(); batch = fetchAll()) due.addAll(batch);
    assertThat(due).extracting(d -> d.job().id()).containsExactlyElementsOf(many.stream().map(Job::id).toList());
  }

  @Test
  void restoringTwiceQueuesNothingTwice() throws InterruptedException {
    Job queued = aJob(null).fresh().build();
    jobs.upsertAll(List.of(queued));

    restore.restore();
    restore.restore();

    assertThat(fetchAll()).hasSize(1);
  }
}
