package dev.va.adapter.queue.schedule;

import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.va.adapter.queue.inprocess.InProcessJobQueue;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.SettableClock;
import dev.va.application.port.in.ScheduledTaskUseCases.CreateTaskCommand;
import dev.va.application.port.out.JobQueue.Delivery;
import dev.va.application.schedule.ScheduledTaskService;
import dev.va.application.schedule.SchedulerLoop;
import dev.va.application.schedule.SchedulerService;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import dev.va.domain.job.JobStatus;
import dev.va.domain.schedule.MisfirePolicy;
import dev.va.domain.schedule.Schedule;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.schedule.ScheduledTaskId;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scheduler with the in-memory stores, the in-process queue and the real calculator. */
class SchedulerServiceTest {
  private static final Instant T0 = Instant.parse("2026-05-04T09:30:00Z");
  private static final String TYPE = "report.send";

  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final SettableClock clock = new SettableClock(T0);
  private final InProcessJobQueue queue = new InProcessJobQueue(clock, Duration.ofSeconds(5));
  private final CronScheduleCalculator calculator = new CronScheduleCalculator();
  private final ScheduledTaskService tasks =
      new ScheduledTaskService(repositories.tasks(), calculator, Set.of(TYPE), clock);
  private final UserId owner = storedUser();

  private UserId storedUser() {
    User user = aUser().build();
    repositories.users().insert(user);
    return user.id();
  }

  private SchedulerService scheduler() {
    return new SchedulerService(repositories.tasks(), repositories.claims(), queue, calculator, clock,
        SchedulerService.Settings.defaults());
  }

  private ScheduledTask task(String cron, String misfire) {
    return tasks.create(CreateTaskCommand.of(owner, "task " + cron, cron, null, "UTC", misfire, TYPE,
        "{\"to\":\"team\"}", Map.of()));
  }

  private ScheduledTask stored(ScheduledTask task) {
    return repositories.tasks().findById(task.userId(), task.id()).orElseThrow();
  }

  private void at(String instant) {
    clock.set(Instant.parse(instant));
  }

  /** Fetches and acks everything queued, as a worker would. */
  private List<Job> drain() throws InterruptedException {
    List<Delivery> batch = queue.fetch("test-worker", Set.of(Job.DEFAULT_QUEUE), 1000, Duration.ZERO);
    queue.ackAll(batch);
    List<Job> jobs = new ArrayList<>();
    for (Delivery delivery : batch) jobs.add(delivery.job());
    return jobs;
  }

  private static List<String> keys(List<Job> jobs) {
    return jobs.stream().map(Job::idempotencyKey).toList();
  }

  private static String key(ScheduledTask task, String instant) {
    return SchedulerService.idempotencyKey(task.id(), Instant.parse(instant));
  }

  private Job jobFor(ScheduledTask task, String fireAt) {
    Instant now = clock.instant();
    return Job.create(task.userId(), task.jobType(), Job.DEFAULT_QUEUE, JobPriority.NORMAL, task.payload(), 3, now,
        key(task, fireAt), now);
  }

  @Test
  void aDueTaskEnqueuesItsJobOnceAndMovesOn() throws Exception {
    ScheduledTask task = task("@hourly", "FIRE_ONCE");
    SchedulerService scheduler = scheduler();
    assertThat(task.nextFireAt()).isEqualTo(Instant.parse("2026-05-04T10:00:00Z"));

    at("2026-05-04T09:59:59Z");
    assertThat(scheduler.tick()).isZero();
    at("2026-05-04T10:00:20Z");
    assertThat(scheduler.tick()).isEqualTo(1);
    assertThat(scheduler.tick()).isZero();

    List<Job> jobs = drain();
    assertThat(jobs).singleElement().satisfies(job -> {
      assertThat(job.idempotencyKey()).isEqualTo("schedule:" + task.id() + ":"
          + Instant.parse("2026-05-04T10:00:00Z").toEpochMilli());
      assertThat(job.type()).isEqualTo(TYPE);
      assertThat(job.userId()).isEqualTo(owner);
      assertThat(job.payload()).isEqualTo("{\"to\":\"team\"}");
      assertThat(job.queue()).isEqualTo(Job.DEFAULT_QUEUE);
      assertThat(repositories.jobs().findById(job.id())).get().extracting(Job::status).isEqualTo(JobStatus.QUEUED);
    });
    assertThat(stored(task).lastFiredAt()).isEqualTo(Instant.parse("2026-05-04T10:00:00Z"));
    assertThat(stored(task).nextFireAt()).isEqualTo(Instant.parse("2026-05-04T11:00:00Z"));
  }

  @Test
  void severalSchedulersAtOnceFireEachInstantOnce() throws Exception {
    ScheduledTask task = task("*/5 * * * *", "FIRE_ONCE");
    List<SchedulerService> schedulers = List.of(scheduler(), scheduler(), scheduler());

    List<Job> jobs = new ArrayList<>();
    for (int minute = 31; minute <= 60; minute++) {
      clock.set(T0.plus(Duration.ofMinutes(minute - 30)).plusSeconds(3));
      for (SchedulerService scheduler : schedulers) {
        scheduler.tick();
        jobs.addAll(drain());
      }
    }

    assertThat(keys(jobs)).containsExactly(key(task, "2026-05-04T09:35:00Z"), key(task, "2026-05-04T09:40:00Z"),
        key(task, "2026-05-04T09:45:00Z"), key(task, "2026-05-04T09:50:00Z"), key(task, "2026-05-04T09:55:00Z"),
        key(task, "2026-05-04T10:00:00Z"));
  }

  @Test
  void afterFiveHoursDownFireOnceEnqueuesOneJobForTheLatestMissedInstantAndSkipNone() throws Exception {
    ScheduledTask fireOnce = task("@hourly", "FIRE_ONCE");
    ScheduledTask skip = task("@hourly", "SKIP");
    SchedulerService scheduler = scheduler();
    at("2026-05-04T10:00:10Z");
    scheduler.tick();
    assertThat(keys(drain())).containsExactlyInAnyOrder(key(fireOnce, "2026-05-04T10:00:00Z"),
        key(skip, "2026-05-04T10:00:00Z"));

    // down from 10:00:10 to 15:20: 11:00 to 15:00 are missed
    at("2026-05-04T15:20:00Z");
    SchedulerService restarted = scheduler();
    assertThat(restarted.tick()).isEqualTo(1);

    assertThat(keys(drain())).containsExactly(key(fireOnce, "2026-05-04T15:00:00Z"));
    for (ScheduledTask task : List.of(fireOnce, skip)) {
      assertThat(stored(task).nextFireAt()).isEqualTo(Instant.parse("2026-05-04T16:00:00Z"));
    }
    assertThat(stored(fireOnce).lastFiredAt()).isEqualTo(Instant.parse("2026-05-04T15:00:00Z"));
    assertThat(stored(skip).lastFiredAt()).isEqualTo(Instant.parse("2026-05-04T10:00:00Z"));

    at("2026-05-04T16:00:05Z");
    restarted.tick();
    assertThat(keys(drain())).containsExactlyInAnyOrder(key(fireOnce, "2026-05-04T16:00:00Z"),
        key(skip, "2026-05-04T16:00:00Z"));
  }

  @Test
  void aMisfireNextToAnOnTimeInstantFiresBoth() throws Exception {
    ScheduledTask task = task("@hourly", "FIRE_ONCE");
    // down since before 10:00; back at 15:00:20, when 15:00 is within the grace and 14:00 the latest missed
    at("2026-05-04T15:00:20Z");
    scheduler().tick();

    assertThat(keys(drain())).containsExactly(key(task, "2026-05-04T14:00:00Z"), key(task, "2026-05-04T15:00:00Z"));
  }

  @Test
  void aDenseScheduleDownForDaysFiresOnceForItsLatestMissedInstant() throws Exception {
    ScheduledTask task = task("*/10 * * * * *", "FIRE_ONCE");
    at("2026-05-09T12:34:56Z");

    scheduler().tick();

    assertThat(keys(drain())).containsExactly(key(task, "2026-05-09T12:33:50Z"), key(task, "2026-05-09T12:34:00Z"),
        key(task, "2026-05-09T12:34:10Z"), key(task, "2026-05-09T12:34:20Z"), key(task, "2026-05-09T12:34:30Z"),
        key(task, "2026-05-09T12:34:40Z"), key(task, "2026-05-09T12:34:50Z"));
    assertThat(stored(task).nextFireAt()).isEqualTo(Instant.parse("2026-05-09T12:35:00Z"));
  }

  @Test
  void aSchedulerThatDiedBetweenClaimAndEnqueueIsRecoveredOnce() throws Exception {
    ScheduledTask task = task("@hourly", "FIRE_ONCE");
    at("2026-05-04T10:00:02Z");
    // what a scheduler that died right after claiming left behind: the claim and its job record, nothing queued
    Job orphan = jobFor(task, "2026-05-04T10:00:00Z");
    assertThat(repositories.claims().claim(task.id(), Instant.parse("2026-05-04T10:00:00Z"), orphan)).isTrue();
    SchedulerService survivor = scheduler();

    at("2026-05-04T10:00:30Z");
    assertThat(survivor.tick()).isZero(); // the instant is claimed; the claim is too young to recover
    assertThat(drain()).isEmpty();
    assertThat(stored(task).nextFireAt()).isEqualTo(Instant.parse("2026-05-04T11:00:00Z"));

    at("2026-05-04T10:02:30Z");
    assertThat(survivor.tick()).isEqualTo(1);
    assertThat(drain()).extracting(Job::id).containsExactly(orphan.id());

    at("2026-05-04T10:05:00Z");
    scheduler().tick();
    survivor.tick();
    assertThat(drain()).isEmpty();
  }

  @Test
  void aSchedulerThatDiedAfterEnqueueingIsNotEnqueuedAgain() throws Exception {
    ScheduledTask task = task("@hourly", "FIRE_ONCE");
    ScheduledTask done = task("@hourly", "SKIP");
    at("2026-05-04T10:00:02Z");
    // queued but the claim never marked: one still waiting in the queue, one that already ran and is recorded
    Job waiting = jobFor(task, "2026-05-04T10:00:00Z");
    repositories.claims().claim(task.id(), Instant.parse("2026-05-04T10:00:00Z"), waiting);
    queue.enqueue(waiting);
    Job ran = jobFor(done, "2026-05-04T10:00:00Z");
    repositories.claims().claim(done.id(), Instant.parse("2026-05-04T10:00:00Z"), ran);
    repositories.jobs().upsertAll(List.of(ran.started(clock.instant()).succeeded(clock.instant())));

    at("2026-05-04T10:03:00Z");
    scheduler().tick();
    scheduler().tick();

    assertThat(drain()).extracting(Job::id).containsExactly(waiting.id());
    assertThat(repositories.claims().unenqueued(clock.instant(), 10)).isEmpty();
  }

  @Test
  void pausedTasksDoNotFireAndResumeFromNow() throws Exception {
    ScheduledTask task = task("@hourly", "FIRE_ONCE");
    SchedulerService scheduler = scheduler();
    tasks.pause(owner, task.id());

    at("2026-05-04T12:00:05Z");
    scheduler.tick();
    assertThat(drain()).isEmpty();

    at("2026-05-04T12:30:00Z");
    tasks.resume(owner, task.id());
    scheduler.tick();
    assertThat(drain()).isEmpty();
    at("2026-05-04T13:00:01Z");
    scheduler.tick();
    assertThat(keys(drain())).containsExactly(key(task, "2026-05-04T13:00:00Z"));
  }

  @Test
  void aTaskThatCannotBeComputedDoesNotStopTheOthers() throws Exception {
    ScheduledTask good = task("@hourly", "FIRE_ONCE");
    Instant created = clock.instant();
    ScheduledTask broken = new ScheduledTask(ScheduledTaskId.random(), owner, "broken", new Schedule.Cron("nonsense"),
        ZoneOffset.UTC, true, MisfirePolicy.FIRE_ONCE, TYPE, null, null, null, T0.plusSeconds(60), created, created);
    repositories.tasks().insert(broken);

    at("2026-05-04T10:00:05Z");
    scheduler().tick();

    assertThat(keys(drain())).containsExactly(key(good, "2026-05-04T10:00:00Z"));
  }

  @Test
  void aDeletedTaskStopsFiring() throws Exception {
    ScheduledTask task = task("@hourly", "FIRE_ONCE");
    SchedulerService scheduler = scheduler();
    tasks.delete(owner, task.id());

    at("2026-05-04T10:00:05Z");
    scheduler.tick();

    assertThat(drain()).isEmpty();
  }

  @Test
  void theLoopTicksUntilClosed() throws Exception {
    ScheduledTask task = task("@hourly", "FIRE_ONCE");
    at("2026-05-04T10:00:01Z");
    List<Job> jobs = new ArrayList<>();
    try (SchedulerLoop loop = new SchedulerLoop(scheduler(), Duration.ofMillis(10))) {
      loop.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (jobs.isEmpty() && System.nanoTime() < deadline) {
        jobs.addAll(drain());
        Thread.sleep(5);
      }
    }
    assertThat(keys(jobs)).containsExactly(key(task, "2026-05-04T10:00:00Z"));

    at("2026-05-04T11:00:01Z");
    Thread.sleep(100);
    assertThat(drain()).as("no tick after close").isEmpty();
  }
}
