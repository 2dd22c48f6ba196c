package dev.va.adapter.queue.schedule;

import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.adapter.queue.inprocess.InProcessJobQueue;
import dev.va.application.ConflictException;
import dev.va.application.NotFoundException;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.SettableClock;
import dev.va.application.job.JobService;
import dev.va.application.port.in.JobUseCases.JobDetails;
import dev.va.application.port.in.JobUseCases.ListJobsCommand;
import dev.va.application.port.out.JobQueue.Delivery;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import dev.va.domain.job.JobStatus;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The job use cases with the in-memory record store and the in-process queue. */
class JobServiceTest {
  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-05-04T09:30:00Z"));
  private final InProcessJobQueue queue = new InProcessJobQueue(clock, Duration.ofSeconds(5));
  private final JobService service = new JobService(repositories.jobs(), queue, clock);
  private final UserId owner = storedUser();
  private final UserId stranger = storedUser();

  private UserId storedUser() {
    User user = aUser().build();
    repositories.users().insert(user);
    return user.id();
  }

  /** A job queued and recorded, as the scheduler leaves it. */
  private Job queued(String type, int maxAttempts) {
    Job job = Job.create(owner, type, Job.DEFAULT_QUEUE, JobPriority.NORMAL, "{}", maxAttempts, clock.instant(), null,
        clock.instant());
    repositories.jobs().upsertAll(List.of(job));
    clock.advance(Duration.ofSeconds(1));
    return queue.enqueue(job);
  }

  private Delivery fetch() throws InterruptedException {
    return queue.fetch("w", Set.of(Job.DEFAULT_QUEUE), 1, Duration.ZERO).get(0);
  }

  /** Fails the next delivery for good, recording the dead job as the worker's history would. */
  private Job killed(String... errors) throws InterruptedException {
    Job job = queued("mail.sync", errors.length);
    Job dead = null;
    for (String error : errors) dead = queue.fail(fetch(), error, clock.instant()).orElseThrow();
    repositories.jobs().upsertAll(List.of(dead));
    return dead;
  }

  @Test
  void listsTheUsersJobsWithFilters() {
    Job sync = queued("mail.sync", 3);
    Job report = queued("report.send", 3);

    assertThat(service.list(ListJobsCommand.of(owner, null, null, null, 50, null)).items())
        .containsExactly(report, sync);
    assertThat(service.list(ListJobsCommand.of(owner, "queued", "mail.sync", " ", 50, null)).items())
        .containsExactly(sync);
    assertThat(service.list(ListJobsCommand.of(owner, "dead", null, null, 50, null)).items()).isEmpty();
    assertThat(service.list(ListJobsCommand.of(stranger, null, null, null, 50, null)).items()).isEmpty();
    assertThatThrownBy(() -> ListJobsCommand.of(owner, "sleeping", null, null, 50, null))
        .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.field()).isEqualTo("status"));
  }

  @Test
  void getShowsTheQueuesStateAndADeadJobsErrors() throws Exception {
    Job job = queued("mail.sync", 3);
    Delivery running = fetch();
    assertThat(service.get(owner, job.id()).job().status()).isEqualTo(JobStatus.RUNNING);
    queue.ack(running);

    Job dead = killed("timeout", "refused");
    JobDetails details = service.get(owner, dead.id());
    assertThat(details.job().status()).isEqualTo(JobStatus.DEAD);
    assertThat(details.errors()).containsExactly("timeout", "refused");
    assertThatThrownBy(() -> service.get(stranger, dead.id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void retryPutsADeadJobBackAndRefusesOthers() throws Exception {
    Job dead = killed("boom");

    Job retried = service.retry(owner, dead.id());

    assertThat(retried.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(retried.attempts()).isZero();
    assertThat(repositories.jobs().findById(dead.id())).contains(retried);
    assertThat(fetch().job().id()).isEqualTo(dead.id());
    assertThatThrownBy(() -> service.retry(owner, dead.id()))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(JobService.NOT_DEAD));
    assertThatThrownBy(() -> service.retry(stranger, dead.id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void cancelEndsAWaitingJobAndAsksARunningOneToStop() throws Exception {
    Job running = queued("report.send", 3);
    assertThat(fetch().job().id()).isEqualTo(running.id());
    Job waiting = queued("mail.sync", 3);

    assertThat(service.cancel(owner, waiting.id()).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(repositories.jobs().findById(waiting.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(service.cancel(owner, running.id()).status()).isEqualTo(JobStatus.RUNNING);
    assertThat(queue.cancellationRequested(running.id())).isTrue();
    assertThatThrownBy(() -> service.cancel(owner, waiting.id()))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(JobService.FINISHED));
    assertThatThrownBy(() -> service.cancel(stranger, running.id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void cancelOfARecordedJobTheQueueNeverGotCancelsTheRecord() {
    Job lost = Job.create(owner, "mail.sync", Job.DEFAULT_QUEUE, JobPriority.NORMAL, "{}", 3, clock.instant(), null,
        clock.instant());
    repositories.jobs().upsertAll(List.of(lost));

    assertThat(service.cancel(owner, lost.id()).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(repositories.jobs().findById(lost.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
  }
}
