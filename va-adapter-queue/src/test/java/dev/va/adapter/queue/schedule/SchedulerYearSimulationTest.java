package dev.va.adapter.queue.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.adapter.queue.inprocess.InProcessJobQueue;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.SettableClock;
import dev.va.application.fixture.UserBuilder;
import dev.va.application.schedule.SchedulerSimulation;
import dev.va.application.schedule.SchedulerSimulation.Fire;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

/** Three schedulers on the in-memory stores and the in-process queue, through all of 2026. */
class SchedulerYearSimulationTest {
  private static final Instant START = Instant.parse("2025-12-31T23:59:30Z");
  private static final Instant END = Instant.parse("2027-01-01T00:00:00Z");

  @Test
  void everyInstantOfAYearIsEnqueuedExactlyOnce() throws Exception {
    InMemoryRepositories repositories = new InMemoryRepositories();
    User owner = UserBuilder.aUser().build();
    repositories.users().insert(owner);
    SettableClock clock = new SettableClock(START);
    SchedulerSimulation simulation = new SchedulerSimulation(repositories.tasks(),
        List.of(repositories.claims(), repositories.claims(), repositories.claims()),
        new InProcessJobQueue(clock, Duration.ofSeconds(5)), new CronScheduleCalculator(), clock, 2026);
    List<ScheduledTask> tasks = simulation.createTasks(owner.id());

    simulation.runUntil(END);

    List<Fire> delivered = simulation.delivered();
    SortedSet<Fire> expected = simulation.expected(START, END);
    assertThat(new HashSet<>(delivered)).as("no duplicates").hasSameSizeAs(delivered);
    assertThat(Set.copyOf(delivered)).isEqualTo(Set.copyOf(expected));
    // the expectation itself, spot-checked by hand: Berlin's 02:30 on both change days, New York's spring day
    ScheduledTask berlinDaily = tasks.get(4);
    ScheduledTask newYorkDaily = tasks.get(7);
    assertThat(berlinDaily.name()).isEqualTo("30 2 * * * in Europe/Berlin");
    assertThat(expected).contains(new Fire(berlinDaily.id(), Instant.parse("2026-03-29T01:30:00Z")),
        new Fire(berlinDaily.id(), Instant.parse("2026-10-25T00:30:00Z")),
        new Fire(newYorkDaily.id(), Instant.parse("2026-03-08T07:30:00Z")));
    assertThat(expected).doesNotContain(new Fire(berlinDaily.id(), Instant.parse("2026-10-25T01:30:00Z")));
    assertThat(expected.stream().filter(f -> f.task().equals(berlinDaily.id()))).hasSize(365);
    // every task has moved on to its first instant after the year
    for (ScheduledTask task : repositories.tasks().listByUser(owner.id())) {
      assertThat(task.nextFireAt()).as(task.name()).isAfter(END);
      assertThat(task.lastFiredAt()).as(task.name()).isAfter(END.minus(Duration.ofDays(1)));
    }
  }
}
