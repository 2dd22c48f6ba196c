package dev.va.application.schedule;

import dev.va.application.fake.SettableClock;
import dev.va.application.port.in.ScheduledTaskUseCases.CreateTaskCommand;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobQueue.Delivery;
import dev.va.application.port.out.ScheduleCalculator;
import dev.va.application.port.out.ScheduleClaims;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.domain.job.Job;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.schedule.ScheduledTaskId;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Several schedulers sharing one task store, one claims store and one queue, driven by a settable clock through a
 * span of time in uneven steps. After every tick a worker drains the queue and acks everything, so the queue forgets
 * each job at once: an instant enqueued twice would be delivered twice. What was delivered is compared with the
 * instants computed here with plain java.time, by enumerating wall-clock times (not searching like a calculator).
 */
public final class SchedulerSimulation {
  public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  public static final String JOB_TYPE = "simulation.tick";
  /** Longest clock step; the grace is longer, so no instant counts as missed however the ticks fall. */
  static final Duration MAX_STEP = Duration.ofMinutes(7);

  /** One fired instant of a task. */
  public record Fire(ScheduledTaskId task, Instant at) {}

  private final ScheduledTaskRepository tasks;
  private final JobQueue queue;
  private final ScheduleCalculator calculator;
  private final SettableClock clock;
  private final Random random;
  private final List<SchedulerService> schedulers = new ArrayList<>();
  private final Map<ScheduledTaskId, BiFunction<Instant, Instant, SortedSet<Instant>>> expectations =
      new LinkedHashMap<>();
  private final List<Fire> delivered = new ArrayList<>();

  public SchedulerSimulation(ScheduledTaskRepository tasks, List<ScheduleClaims> claims, JobQueue queue,
      ScheduleCalculator calculator, SettableClock clock, long seed) {
    this.tasks = tasks;
    this.queue = queue;
    this.calculator = calculator;
    this.clock = clock;
    this.random = new Random(seed);
    SchedulerService.Settings settings = SchedulerService.Settings.defaults().withGrace(MAX_STEP.multipliedBy(2));
    for (ScheduleClaims store : claims) {
      schedulers.add(new SchedulerService(tasks, store, queue, calculator, clock, settings));
    }
  }

  /**
   * Creates, through the use case, in UTC, Europe/Berlin and America/New_York each: an hourly task, one daily at
   * 02:30 and one every 15 minutes by cron; plus an interval task of 15 minutes. Returns them.
   */
  public List<ScheduledTask> createTasks(UserId owner) {
    ScheduledTaskService service = new ScheduledTaskService(tasks, calculator, Set.of(JOB_TYPE), clock);
    List<ScheduledTask> created = new ArrayList<>();
    for (ZoneId zone : List.of(ZoneOffset.UTC, BERLIN, NEW_YORK)) {
      created.add(cron(service, owner, "@hourly", zone, hours(0, 24, 1)));
      created.add(cron(service, owner, "30 2 * * *", zone, List.of(LocalTime.of(2, 30))));
      created.add(cron(service, owner, "*/15 * * * *", zone, quarters()));
    }
    ScheduledTask interval = service.create(CreateTaskCommand.of(owner, "every 15 min", null, 900L, "UTC", "SKIP",
        JOB_TYPE, "{\"interval\":true}", Map.of()));
    expectations.put(interval.id(), (after, until) -> every(interval.createdAt(), Duration.ofMinutes(15), after, until));
    created.add(interval);
    return created;
  }

  /**
   * Moves the clock to {@code end} in random steps of 30 s to {@link #MAX_STEP}; at each step the schedulers tick
   * in random order, each with a chance of sitting the step out (at least one ticks), and the queue is drained after
   * every tick.
   */
  public void runUntil(Instant end) throws InterruptedException {
    while (clock.instant().isBefore(end)) {
      long stepMillis = 30_000 + (long) (random.nextDouble() * (MAX_STEP.toMillis() - 30_000));
      Instant next = clock.instant().plusMillis(stepMillis);
      clock.set(next.isAfter(end) ? end : next);
      List<SchedulerService> order = new ArrayList<>(schedulers);
      Collections.shuffle(order, random);
      for (int i = 0; i < order.size(); i++) {
        if (i > 0 && random.nextInt(4) == 0) continue;
        order.get(i).tick();
        drain();
      }
    }
  }

  /** Everything delivered so far, in delivery order. */
  public List<Fire> delivered() {
    return List.copyOf(delivered);
  }

  /** Every instant the created tasks must fire in ({@code after}, {@code until}]. */
  public SortedSet<Fire> expected(Instant after, Instant until) {
    SortedSet<Fire> out = new TreeSet<>((a, b) -> a.at().equals(b.at())
        ? a.task().value().compareTo(b.task().value()) : a.at().compareTo(b.at()));
    expectations.forEach((task, instants) -> instants.apply(after, until).forEach(at -> out.add(new Fire(task, at))));
    return out;
  }

  /** The instant a scheduled job was enqueued for, read back from its idempotency key. */
  public static Fire fireOf(Job job) {
    String[] parts = job.idempotencyKey().split(":");
    return new Fire(ScheduledTaskId.parse(parts[1], "task"), Instant.ofEpochMilli(Long.parseLong(parts[2])));
  }

  private void drain() throws InterruptedException {
    List<Delivery> batch = queue.fetch("simulation-worker", Set.of(Job.DEFAULT_QUEUE), 10_000, Duration.ZERO);
    if (batch.isEmpty()) return;
    for (Delivery delivery : batch) delivered.add(fireOf(delivery.job()));
    queue.ackAll(batch);
  }

  private ScheduledTask cron(ScheduledTaskService service, UserId owner, String cron, ZoneId zone,
      List<LocalTime> wallClock) {
    ScheduledTask task = service.create(CreateTaskCommand.of(owner, cron + " in " + zone, cron, null, zone.getId(),
        "FIRE_ONCE", JOB_TYPE, null, Map.of("zone", zone.getId())));
    expectations.put(task.id(), (after, until) -> wallClock(zone, wallClock, after, until));
    return task;
  }

  /**
   * Every wall-clock time of every day, as an instant by the documented rules: ZonedDateTime.of shifts a time in a
   * gap forward by the gap and takes the earlier offset of a repeated time; a set keeps coinciding instants once.
   */
  static SortedSet<Instant> wallClock(ZoneId zone, List<LocalTime> times, Instant after, Instant until) {
    SortedSet<Instant> out = new TreeSet<>();
    LocalDate last = until.atZone(zone).toLocalDate().plusDays(1);
    for (LocalDate day = after.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
      for (LocalTime time : times) {
        Instant at = ZonedDateTime.of(day, time, zone).toInstant();
        if (at.isAfter(after) && !at.isAfter(until)) out.add(at);
      }
    }
    return out;
  }

  static SortedSet<Instant> every(Instant anchor, Duration every, Instant after, Instant until) {
    SortedSet<Instant> out = new TreeSet<>();
    for (Instant at = anchor.plus(every); !at.isAfter(until); at = at.plus(every)) {
      if (at.isAfter(after)) out.add(at);
    }
    return out;
  }

  static List<LocalTime> hours(int from, int to, int step) {
    List<LocalTime> out = new ArrayList<>();
    for (int h = from; h < to; h += step) out.add(LocalTime.of(h, 0));
    return out;
  }

  static List<LocalTime> quarters() {
    List<LocalTime> out = new ArrayList<>();
    for (int minute = 0; minute < 24 * 60; minute += 15) out.add(LocalTime.of(minute / 60, minute % 60));
    return out;
  }
}
