package dev.va.bootstrap;

import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.va.adapter.persistence.Database;
import dev.va.adapter.persistence.PostgresJobRepository;
import dev.va.adapter.persistence.PostgresScheduleClaims;
import dev.va.adapter.persistence.PostgresScheduledTaskRepository;
import dev.va.adapter.persistence.PostgresUserRepository;
import dev.va.adapter.persistence.TestDatabase;
import dev.va.adapter.queue.inprocess.InProcessJobQueue;
import dev.va.adapter.queue.schedule.CronScheduleCalculator;
import dev.va.application.fake.SettableClock;
import dev.va.application.port.in.ScheduledTaskUseCases.CreateTaskCommand;
import dev.va.application.port.out.JobQuery;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobQueue.Delivery;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.application.schedule.ScheduledTaskService;
import dev.va.application.schedule.SchedulerService;
import dev.va.application.schedule.SchedulerSimulation;
import dev.va.application.schedule.SchedulerSimulation.Fire;
import dev.va.domain.job.Job;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schedulers sharing one PostgreSQL, each through its own connection pool as separate processes would. Each test has
 * a schema of its own, so no task of another test is due here.
 */
class PostgresSchedulerTest {
  private final List<Database> pools = new ArrayList<>();
  private TestDatabase.TestSchema schema;
  private PostgresScheduledTaskRepository tasks;
  private UserId owner;

  @BeforeEach
  void createSchema() {
    schema = TestDatabase.TestSchema.create();
    tasks = new PostgresScheduledTaskRepository(schema.database());
    User user = aUser().build();
    new PostgresUserRepository(schema.database()).insert(user);
    owner = user.id();
  }

  @AfterEach
  void dropSchema() throws Exception {
    pools.forEach(Database::close);
    schema.close();
  }

  /** Claims through a pool of their own. */
  private PostgresScheduleClaims claims() {
    Database pool = Database.open(schema.settings());
    pools.add(pool);
    return new PostgresScheduleClaims(pool);
  }

  /** Every job row of the owner, as the claims recorded them. */
  private List<Fire> recordedFires() {
    List<Fire> out = new ArrayList<>();
    PostgresJobRepository jobs = new PostgresJobRepository(schema.database());
    String cursor = null;
    do {
      Page<Job> page = jobs.list(new JobQuery(owner, null, null, null, new PageRequest(PageRequest.MAX_LIMIT, cursor)));
      page.items().forEach(job -> out.add(SchedulerSimulation.fireOf(job)));
      cursor = page.nextCursor();
    } while (cursor != null);
    return out;
  }

  @Test
  void threeSchedulersFireEveryInstantAroundBerlinsSpringForwardOnce() throws Exception {
    // Berlin skips 02:00-03:00 at 01:00Z; the whole year runs on the in-memory stores
    Instant start = Instant.parse("2026-03-28T21:59:30Z");
    Instant end = Instant.parse("2026-03-29T05:00:00Z");
    SettableClock clock = new SettableClock(start);
    SchedulerSimulation simulation = new SchedulerSimulation(tasks, List.of(claims(), claims(), claims()),
        new InProcessJobQueue(clock, Duration.ofSeconds(5)), new CronScheduleCalculator(), clock, 329);
    simulation.createTasks(owner);

    simulation.runUntil(end);

    List<Fire> delivered = simulation.delivered();
    Set<Fire> expected = Set.copyOf(simulation.expected(start, end));
    assertThat(new HashSet<>(delivered)).as("no duplicates").hasSameSizeAs(delivered);
    assertThat(Set.copyOf(delivered)).isEqualTo(expected);
    List<Fire> recorded = recordedFires();
    assertThat(new HashSet<>(recorded)).as("one job row per instant").hasSameSizeAs(recorded);
    assertThat(Set.copyOf(recorded)).isEqualTo(expected);
  }

  @Test
  void twoSchedulersRacingOnTheSameTasksNeverDuplicateAnInstant() throws Exception {
    Instant start = Instant.parse("2026-06-01T10:00:00Z");
    SettableClock clock = new SettableClock(start);
    CronScheduleCalculator calculator = new CronScheduleCalculator();
    ScheduledTaskService service = new ScheduledTaskService(tasks, calculator, Set.of("race"), clock);
    List<ScheduledTask> created = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      created.add(service.create(CreateTaskCommand.of(owner, "cron " + i, "* * * * *", null, "UTC", "FIRE_ONCE", "race",
          null, Map.of())));
      created.add(service.create(CreateTaskCommand.of(owner, "interval " + i, null, 30L, "UTC", "SKIP", "race", null,
          Map.of())));
    }
    // a queue each, so an instant enqueued by both would be delivered twice
    List<JobQueue> queues = List.of(new InProcessJobQueue(clock, Duration.ofSeconds(5)),
        new InProcessJobQueue(clock, Duration.ofSeconds(5)));
    List<SchedulerService> schedulers = List.of(
        new SchedulerService(tasks, claims(), queues.get(0), calculator, clock, SchedulerService.Settings.defaults()),
        new SchedulerService(new PostgresScheduledTaskRepository(pools.get(0)), claims(), queues.get(1), calculator,
            clock, SchedulerService.Settings.defaults()));
    List<Fire> delivered = new ArrayList<>();
    int[] claimed = new int[2];
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int step = 1; step <= 40; step++) {
        clock.set(start.plusSeconds(30L * step).plusMillis(200));
        List<Callable<Integer>> ticks = schedulers.stream().map(s -> (Callable<Integer>) s::tick).toList();
        List<Future<Integer>> results = threads.invokeAll(ticks);
        for (int i = 0; i < 2; i++) claimed[i] += results.get(i).get();
        for (JobQueue queue : queues) {
          List<Delivery> batch = queue.fetch("w", Set.of(Job.DEFAULT_QUEUE), 1000, Duration.ZERO);
          batch.forEach(d -> delivered.add(SchedulerSimulation.fireOf(d.job())));
          queue.ackAll(batch);
        }
      }
    } finally {
      threads.shutdownNow();
    }

    Set<Fire> expected = new HashSet<>();
    Instant end = start.plusSeconds(30L * 40).plusMillis(200);
    for (ScheduledTask task : created) {
      for (Instant at : calculator.next(task.schedule(), task.zone(), task.createdAt(), start, 100)) {
        if (!at.isAfter(end)) expected.add(new Fire(task.id(), at));
      }
    }
    assertThat(expected).hasSize(8 * 20 + 8 * 40);
    assertThat(claimed[0] + claimed[1]).isEqualTo(expected.size());
    assertThat(claimed[0]).as("first scheduler won some instants").isPositive();
    assertThat(claimed[1]).as("second scheduler won some instants").isPositive();
    assertThat(new HashSet<>(delivered)).as("no duplicates").hasSameSizeAs(delivered);
    assertThat(Set.copyOf(delivered)).isEqualTo(expected);
    List<Fire> recorded = recordedFires();
    assertThat(new HashSet<>(recorded)).as("one job row per instant").hasSameSizeAs(recorded);
    assertThat(Set.copyOf(recorded)).isEqualTo(expected);
  }
}
