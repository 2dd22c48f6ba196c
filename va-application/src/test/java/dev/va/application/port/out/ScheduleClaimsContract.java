package dev.va.application.port.out;

import static dev.va.application.fixture.ScheduledTaskBuilder.aTask;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fixture.TestTimes;
import dev.va.application.port.out.ScheduleClaims.Claim;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import dev.va.domain.job.JobStatus;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.schedule.ScheduledTaskId;
import dev.va.domain.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link ScheduleClaims} shares. */
public interface ScheduleClaimsContract {
  ScheduleClaims claims();

  /** Where the claimed tasks are stored. */
  ScheduledTaskRepository tasks();

  /** Where claims record their jobs. */
  JobRepository jobs();

  /** Where owners are stored first, so stores with foreign keys accept the tasks. */
  UserRepository users();

  private ScheduledTask storedTask() {
    User user = aUser().build();
    users().insert(user);
    ScheduledTask task = aTask(user.id()).build();
    tasks().insert(task);
    return task;
  }

  /** The job a scheduler makes for an instant, created (claimed) {@code claimedAt}. */
  private static Job jobFor(ScheduledTask task, Instant fireAt, Instant claimedAt) {
    return Job.create(task.userId(), task.jobType(), Job.DEFAULT_QUEUE, JobPriority.NORMAL, task.payload(), 3,
        claimedAt, "schedule:" + task.id() + ":" + fireAt.toEpochMilli(), claimedAt);
  }

  private List<Claim> unenqueuedOf(ScheduledTask task) {
    return claims().unenqueued(TestTimes.at(1_000_000_000), 1000).stream()
        .filter(claim -> claim.task().equals(task.id())).toList();
  }

  @Test
  default void anInstantIsClaimedOnceAndItsJobRecordedWithTheClaim() {
    ScheduledTask task = storedTask();
    Instant fireAt = TestTimes.at(3600);
    Job first = jobFor(task, fireAt, TestTimes.at(3601));
    Job second = jobFor(task, fireAt, TestTimes.at(3602));

    assertThat(claims().claim(task.id(), fireAt, first)).isTrue();
    assertThat(claims().claim(task.id(), fireAt, second)).isFalse();

    assertThat(jobs().findById(first.id())).contains(first);
    assertThat(jobs().findById(second.id())).isEmpty();
    assertThat(unenqueuedOf(task)).containsExactly(new Claim(task.id(), fireAt, first));
  }

  @Test
  default void otherInstantsAndOtherTasksAreClaimedIndependently() {
    ScheduledTask one = storedTask();
    ScheduledTask two = storedTask();
    Instant fireAt = TestTimes.at(3600);

    assertThat(claims().claim(one.id(), fireAt, jobFor(one, fireAt, fireAt))).isTrue();
    assertThat(claims().claim(two.id(), fireAt, jobFor(two, fireAt, fireAt))).isTrue();
    assertThat(claims().claim(one.id(), fireAt.plusSeconds(1), jobFor(one, fireAt.plusSeconds(1), fireAt))).isTrue();
    // instants apart by a microsecond are different instants
    Instant close = fireAt.plusNanos(1000);
    assertThat(claims().claim(one.id(), close, jobFor(one, close, fireAt))).isTrue();

    assertThat(unenqueuedOf(one)).hasSize(3);
    assertThat(unenqueuedOf(two)).hasSize(1);
  }

  @Test
  default void aTaskThatIsGoneCannotBeClaimedAndRecordsNoJob() {
    ScheduledTask task = storedTask();
    tasks().delete(task.userId(), task.id());
    Job job = jobFor(task, TestTimes.at(60), TestTimes.at(60));

    assertThat(claims().claim(task.id(), TestTimes.at(60), job)).isFalse();
    assertThat(claims().claim(ScheduledTaskId.random(), TestTimes.at(60), jobFor(task, TestTimes.at(60),
        TestTimes.at(60)))).isFalse();

    assertThat(jobs().findById(job.id())).isEmpty();
  }

  @Test
  default void unenqueuedClaimsAreListedOldestFirstOnceOldEnoughUntilMarked() {
    ScheduledTask task = storedTask();
    Instant t = TestTimes.at(7200);
    Job late = jobFor(task, t.plusSeconds(60), t.plusSeconds(30));
    Job early = jobFor(task, t, t.plusSeconds(10));
    Job fresh = jobFor(task, t.plusSeconds(120), t.plusSeconds(100));
    claims().claim(task.id(), t.plusSeconds(60), late);
    claims().claim(task.id(), t, early);
    claims().claim(task.id(), t.plusSeconds(120), fresh);

    List<Claim> stale = claims().unenqueued(t.plusSeconds(100), 1000).stream()
        .filter(claim -> claim.task().equals(task.id())).toList();
    assertThat(stale).containsExactly(new Claim(task.id(), t, early), new Claim(task.id(), t.plusSeconds(60), late));

    claims().markEnqueued(task.id(), t);
    claims().markEnqueued(task.id(), t.plusSeconds(999)); // unknown: nothing happens

    assertThat(unenqueuedOf(task)).extracting(Claim::fireAt).containsExactly(t.plusSeconds(60), t.plusSeconds(120));
  }

  @Test
  default void unenqueuedStopsAtTheLimit() {
    ScheduledTask task = storedTask();
    for (int i = 0; i < 5; i++) {
      Instant at = TestTimes.at(i);
      claims().claim(task.id(), at, jobFor(task, at, at));
    }

    assertThat(claims().unenqueued(TestTimes.at(1_000_000_000), 2)).hasSizeLessThanOrEqualTo(2);
    assertThat(unenqueuedOf(task)).hasSize(5);
  }

  @Test
  default void aClaimShowsItsJobAsTheRecordReadsNow() {
    ScheduledTask task = storedTask();
    Instant at = TestTimes.at(60);
    Job job = jobFor(task, at, at);
    claims().claim(task.id(), at, job);
    Job running = job.started(TestTimes.at(61));

    jobs().upsertAll(List.of(running));

    assertThat(unenqueuedOf(task)).singleElement()
        .satisfies(claim -> assertThat(claim.job()).isEqualTo(running).extracting(Job::status)
            .isEqualTo(JobStatus.RUNNING));
  }

  @Test
  default void deletingTheTaskDeletesItsClaimsButKeepsTheJobs() {
    ScheduledTask task = storedTask();
    Instant at = TestTimes.at(60);
    Job job = jobFor(task, at, at);
    claims().claim(task.id(), at, job);

    tasks().delete(task.userId(), task.id());

    assertThat(unenqueuedOf(task)).isEmpty();
    assertThat(jobs().findById(job.id())).contains(job);
  }

  @Test
  default void purgeForgetsOldEnqueuedClaimsOnly() {
    ScheduledTask task = storedTask();
    Instant old = TestTimes.at(60);
    Instant oldPending = TestTimes.at(120);
    Instant recent = TestTimes.at(86_400);
    for (Instant at : List.of(old, oldPending, recent)) claims().claim(task.id(), at, jobFor(task, at, at));
    claims().markEnqueued(task.id(), old);
    claims().markEnqueued(task.id(), recent);

    assertThat(claims().purge(TestTimes.at(3600))).isGreaterThanOrEqualTo(1);

    // a purged instant could be claimed again: only instants no scheduler reaches any more are purged
    assertThat(claims().claim(task.id(), old, jobFor(task, old, old))).isTrue();
    assertThat(claims().claim(task.id(), recent, jobFor(task, recent, recent))).isFalse();
    assertThat(unenqueuedOf(task)).extracting(Claim::fireAt).contains(oldPending);
  }

  @Test
  default void concurrentClaimsOfOneInstantHaveOneWinner() throws Exception {
    ScheduledTask task = storedTask();
    Instant at = TestTimes.at(600);
    int contenders = 8;
    ExecutorService pool = Executors.newFixedThreadPool(contenders);
    try {
      for (int round = 0; round < 10; round++) {
        Instant fireAt = at.plusSeconds(round);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
          attempts.add(() -> claims().claim(task.id(), fireAt, jobFor(task, fireAt, fireAt)));
        }
        int winners = 0;
        for (Future<Boolean> result : pool.invokeAll(attempts)) {
          if (result.get()) winners++;
        }
        assertThat(winners).as("round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(unenqueuedOf(task)).hasSize(10);
  }
}
