package dev.va.adapter.queue.schedule;

import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.NotFoundException;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.SettableClock;
import dev.va.application.port.in.ScheduledTaskUseCases.CreateTaskCommand;
import dev.va.application.port.in.ScheduledTaskUseCases.UpdateTaskCommand;
import dev.va.application.schedule.ScheduledTaskService;
import dev.va.domain.schedule.MisfirePolicy;
import dev.va.domain.schedule.Schedule;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.schedule.ScheduledTaskId;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The task use cases with the in-memory store and the real calculator. */
class ScheduledTaskServiceTest {
  private static final Instant NOW = Instant.parse("2026-05-04T09:30:00.123456789Z");
  private static final Instant NOW_MICROS = Instant.parse("2026-05-04T09:30:00.123456Z");

  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final SettableClock clock = new SettableClock(NOW);
  private final ScheduledTaskService service = new ScheduledTaskService(repositories.tasks(),
      new CronScheduleCalculator(), Set.of("report.send", "mail.sync"), clock);
  private final UserId owner = storedUser();
  private final UserId stranger = storedUser();

  private UserId storedUser() {
    User user = aUser().build();
    repositories.users().insert(user);
    return user.id();
  }

  private ScheduledTask create(String cron, Long interval, String zone) {
    return service.create(CreateTaskCommand.of(owner, "Digest", cron, interval, zone, null, "report.send",
        "{\"to\": [\"a\", \"b\"]}", Map.of("source", "test")));
  }

  private static void assertInvalid(ThrowingCallable call, String field, String messagePart) {
    assertThatThrownBy(call).isInstanceOfSatisfying(DomainValidationException.class, e -> {
      assertThat(e.field()).isEqualTo(field);
      assertThat(e.getMessage()).contains(messagePart);
    });
  }

  @Test
  void createsAnActiveTaskTimedFromNow() {
    ScheduledTask task = create("30 2 * * *", null, "Europe/Berlin");

    assertThat(task.active()).isTrue();
    assertThat(task.misfirePolicy()).isEqualTo(MisfirePolicy.FIRE_ONCE);
    assertThat(task.schedule()).isEqualTo(new Schedule.Cron("30 2 * * *"));
    assertThat(task.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(task.createdAt()).isEqualTo(NOW_MICROS);
    assertThat(task.nextFireAt()).isEqualTo(Instant.parse("2026-05-05T00:30:00Z"));
    assertThat(task.lastFiredAt()).isNull();
    assertThat(task.metadata()).containsEntry("source", "test");
    assertThat(service.get(owner, task.id())).isEqualTo(task);
  }

  @Test
  void anIntervalTaskFiresFromItsCreation() {
    ScheduledTask task = create(null, 900L, "UTC");

    assertThat(task.schedule()).isEqualTo(new Schedule.Interval(Duration.ofMinutes(15)));
    assertThat(task.nextFireAt()).isEqualTo(NOW_MICROS.plusSeconds(900));
    assertThat(service.nextFireTimes(owner, task.id(), 3))
        .containsExactly(NOW_MICROS.plusSeconds(900), NOW_MICROS.plusSeconds(1800), NOW_MICROS.plusSeconds(2700));
  }

  @Test
  void rejectsWhatCannotBeScheduled() {
    assertInvalid(() -> create("61 * * * *", null, "UTC"), "cron", "5 fields");
    assertInvalid(() -> create(null, null, "UTC"), "schedule", "cron or interval_seconds");
    assertInvalid(() -> create("@daily", 60L, "UTC"), "schedule", "not both");
    assertInvalid(() -> create(null, 0L, "UTC"), "interval_seconds", "between 1");
    assertInvalid(() -> create("@daily", null, "Mars/Olympus"), "zone", "Mars/Olympus");
    assertInvalid(() -> create("@daily", null, null), "zone", "required");
    assertInvalid(() -> service.create(CreateTaskCommand.of(owner, "x", "@daily", null, "UTC", null, "unknown.type",
        null, null)), "job_type", "known types: mail.sync, report.send");
    assertInvalid(() -> CreateTaskCommand.of(owner, "x", "@daily", null, "UTC", "SOMETIMES", "mail.sync", null,
        null), "misfire_policy", "FIRE_ONCE or SKIP");
    assertInvalid(() -> CreateTaskCommand.of(owner, " ", "@daily", null, "UTC", null, "mail.sync", null, null),
        "name", "blank");
    assertThat(repositories.tasks().listByUser(owner)).isEmpty();
  }

  @Test
  void thePayloadMustBeAJsonObjectOfAtMost64KiB() {
    String big = "{\"text\":\"" + "x".repeat(64 * 1024) + "\"}";
    assertInvalid(() -> CreateTaskCommand.of(owner, "x", "@daily", null, "UTC", null, "mail.sync", big, null),
        "payload", "65536 bytes");
    assertInvalid(() -> CreateTaskCommand.of(owner, "x", "@daily", null, "UTC", null, "mail.sync", "[1,2]", null),
        "payload", "JSON object");
    assertInvalid(() -> CreateTaskCommand.of(owner, "x", "@daily", null, "UTC", null, "mail.sync", "{\"a\":}", null),
        "payload", "not valid JSON");
    assertThat(CreateTaskCommand.of(owner, "x", "@daily", null, "UTC", null, "mail.sync", null, null).payload())
        .isEqualTo("{}");
  }

  @Test
  void anotherUsersTaskIsNotFound() {
    ScheduledTask task = create("@daily", null, "UTC");

    for (ThrowingCallable call : new ThrowingCallable[] {
        () -> service.get(stranger, task.id()),
        () -> service.update(UpdateTaskCommand.of(stranger, task.id(), "mine", null, null, null, null, null, null,
            null)),
        () -> service.delete(stranger, task.id()),
        () -> service.pause(stranger, task.id()),
        () -> service.resume(stranger, task.id()),
        () -> service.nextFireTimes(stranger, task.id(), 1),
        () -> service.get(owner, ScheduledTaskId.random())}) {
      assertThatThrownBy(call).isInstanceOf(NotFoundException.class);
    }
    assertThat(service.list(stranger)).isEmpty();
    assertThat(service.list(owner)).containsExactly(task);
  }

  @Test
  void anUpdateKeepsWhatItDoesNotNameAndRetimesOnANewSchedule() {
    ScheduledTask task = create("@daily", null, "UTC");
    clock.set(NOW.plusSeconds(60));

    ScheduledTask renamed = service.update(UpdateTaskCommand.of(owner, task.id(), "Renamed", null, null, null,
        "skip", null, "{\"to\":\"c\"}", null));
    assertThat(renamed.name()).isEqualTo("Renamed");
    assertThat(renamed.misfirePolicy()).isEqualTo(MisfirePolicy.SKIP);
    assertThat(renamed.payload()).isEqualTo("{\"to\":\"c\"}");
    assertThat(renamed.schedule()).isEqualTo(task.schedule());
    assertThat(renamed.nextFireAt()).isEqualTo(task.nextFireAt());
    assertThat(renamed.metadata()).isEqualTo(task.metadata());

    ScheduledTask retimed = service.update(UpdateTaskCommand.of(owner, task.id(), null, "@hourly", null,
        "America/New_York", null, null, null, Map.of()));
    assertThat(retimed.nextFireAt()).isEqualTo(Instant.parse("2026-05-04T10:00:00Z"));
    assertThat(retimed.metadata()).isEmpty();
    assertThat(service.get(owner, task.id())).isEqualTo(retimed);
    assertInvalid(() -> service.update(UpdateTaskCommand.of(owner, task.id(), null, "bad", null, null, null, null,
        null, null)), "cron", "not valid");
    assertInvalid(() -> service.update(UpdateTaskCommand.of(owner, task.id(), null, null, null, null, null,
        "nope", null, null)), "job_type", "nope");
  }

  @Test
  void pausesResumesAndDeletes() {
    ScheduledTask task = create("@hourly", null, "UTC");

    assertThat(service.pause(owner, task.id()).active()).isFalse();
    assertThat(repositories.tasks().listActive()).isEmpty();
    clock.set(Instant.parse("2026-05-04T12:10:00Z"));
    ScheduledTask resumed = service.resume(owner, task.id());
    assertThat(resumed.active()).isTrue();
    assertThat(resumed.nextFireAt()).isEqualTo(Instant.parse("2026-05-04T13:00:00Z"));

    service.delete(owner, task.id());
    assertThatThrownBy(() -> service.delete(owner, task.id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void previewsOneToAHundredFireTimes() {
    ScheduledTask task = create("30 2 * * *", null, "Europe/Berlin");

    assertThat(service.nextFireTimes(owner, task.id(), 100)).hasSize(100);
    assertInvalid(() -> service.nextFireTimes(owner, task.id(), 0), "count", "between 1 and 100");
    assertInvalid(() -> service.nextFireTimes(owner, task.id(), 101), "count", "between 1 and 100");
  }
}
