package dev.va.application.port.out;

import static dev.va.application.fixture.ScheduledTaskBuilder.aTask;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fixture.TestTimes;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.schedule.ScheduledTaskId;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link ScheduledTaskRepository} shares. */
public interface ScheduledTaskRepositoryContract {
  ScheduledTaskRepository tasks();

  /** Where owners are stored first, so stores with foreign keys accept the tasks. */
  UserRepository users();

  private UserId storedUser() {
    User user = aUser().build();
    users().insert(user);
    return user.id();
  }

  private ScheduledTask stored(ScheduledTask task) {
    tasks().insert(task);
    return task;
  }

  @Test
  default void storesEveryFieldOfACronTask() {
    ScheduledTask task = stored(aTask(storedUser()).build());

    assertThat(tasks().findById(task.userId(), task.id())).contains(task);
  }

  @Test
  default void storesAnIntervalTaskWithEveryOptionalFieldEmpty() {
    ScheduledTask task = stored(aTask(storedUser()).bareInterval(Duration.ofMillis(90_500)).build());

    assertThat(tasks().findById(task.userId(), task.id())).contains(task);
  }

  @Test
  default void hidesATaskFromOtherUsers() {
    ScheduledTask task = stored(aTask(storedUser()).build());
    UserId stranger = storedUser();

    assertThat(tasks().findById(stranger, task.id())).isEmpty();
    assertThat(tasks().listByUser(stranger)).isEmpty();
    assertThat(tasks().delete(stranger, task.id())).isFalse();
    assertThat(tasks().findById(task.userId(), task.id())).contains(task);
  }

  @Test
  default void findsNothingForAnUnknownId() {
    assertThat(tasks().findById(storedUser(), ScheduledTaskId.random())).isEmpty();
  }

  @Test
  default void listsTheTasksOfAUserOldestFirst() {
    UserId owner = storedUser();
    ScheduledTask newest = stored(aTask(owner).createdAt(TestTimes.at(30)).build());
    ScheduledTask oldest = stored(aTask(owner).active(false).createdAt(TestTimes.at(10)).build());
    ScheduledTask middle = stored(aTask(owner).createdAt(TestTimes.at(20)).build());
    stored(aTask(storedUser()).build());

    assertThat(tasks().listByUser(owner)).containsExactly(oldest, middle, newest);
  }

  @Test
  default void listsActiveTasksOfEveryUserSoonestFirst() {
    UserId one = storedUser();
    UserId two = storedUser();
    // far in the future, so tasks other tests left behind come before these
    ScheduledTask later = stored(aTask(one).nextFireAt(TestTimes.at(9_000_000)).build());
    ScheduledTask sooner = stored(aTask(two).nextFireAt(TestTimes.at(8_000_000)).build());
    ScheduledTask inactive = stored(aTask(one).active(false).nextFireAt(TestTimes.at(8_500_000)).build());
    ScheduledTask never = stored(aTask(two).nextFireAt(null).build());

    assertThat(tasks().listActive())
        .doesNotContain(inactive)
        .containsSubsequence(sooner, later, never);
  }

  @Test
  default void updatesATask() {
    ScheduledTask task = stored(aTask(storedUser()).build());
    ScheduledTask changed = task.fired(TestTimes.at(3600), TestTimes.at(7200), TestTimes.at(3601))
        .withActive(false, TestTimes.at(3602));

    tasks().update(changed);

    assertThat(tasks().findById(task.userId(), task.id())).contains(changed);
    assertThat(tasks().listActive()).doesNotContain(task, changed);
  }

  @Test
  default void updatesATaskToAnotherKindOfSchedule() {
    ScheduledTask task = stored(aTask(storedUser()).build());
    ScheduledTask changed = aTask(task.userId()).bareInterval(Duration.ofMinutes(5)).build();
    ScheduledTask sameId = new ScheduledTask(task.id(), task.userId(), changed.name(), changed.schedule(),
        changed.zone(), changed.active(), changed.misfirePolicy(), changed.jobType(), changed.payload(),
        changed.metadata(), null, null, task.createdAt(), TestTimes.at(100));

    tasks().update(sameId);

    assertThat(tasks().findById(task.userId(), task.id())).contains(sameId);
  }

  @Test
  default void ignoresAnUpdateThatNamesAnotherOwner() {
    ScheduledTask task = stored(aTask(storedUser()).build());
    UserId stranger = storedUser();
    ScheduledTask hijacked = new ScheduledTask(task.id(), stranger, "Hijacked", task.schedule(), task.zone(), true,
        task.misfirePolicy(), task.jobType(), null, null, null, null, task.createdAt(), TestTimes.at(100));

    tasks().update(hijacked);

    assertThat(tasks().findById(task.userId(), task.id())).contains(task);
    assertThat(tasks().findById(stranger, task.id())).isEmpty();
  }

  @Test
  default void updateOfAnUnknownTaskStoresNothing() {
    ScheduledTask ghost = aTask(storedUser()).build();

    tasks().update(ghost);

    assertThat(tasks().findById(ghost.userId(), ghost.id())).isEmpty();
  }

  @Test
  default void advanceRecordsFireTimesOnlyFromTheExpectedNextFireTime() {
    ScheduledTask task = stored(aTask(storedUser()).nextFireAt(TestTimes.at(3600)).build());

    assertThat(tasks().advance(task.id(), TestTimes.at(3600), TestTimes.at(3600), TestTimes.at(7200),
        TestTimes.at(3601))).isTrue();
    // a second scheduler that read the task before: nothing changes
    assertThat(tasks().advance(task.id(), TestTimes.at(3600), TestTimes.at(3600), TestTimes.at(5400),
        TestTimes.at(3602))).isFalse();

    assertThat(tasks().findById(task.userId(), task.id()))
        .contains(task.fired(TestTimes.at(3600), TestTimes.at(7200), TestTimes.at(3601)));
  }

  @Test
  default void advanceWithoutAFireKeepsTheLastFireTimeAndMayEndTheSchedule() {
    ScheduledTask task = stored(aTask(storedUser()).nextFireAt(TestTimes.at(3600)).build());

    assertThat(tasks().advance(task.id(), TestTimes.at(3600), null, null, TestTimes.at(3601))).isTrue();

    assertThat(tasks().findById(task.userId(), task.id()))
        .contains(task.fired(task.lastFiredAt(), null, TestTimes.at(3601)));
    assertThat(tasks().advance(task.id(), null, null, TestTimes.at(9000), TestTimes.at(3602))).isTrue();
    assertThat(tasks().findById(task.userId(), task.id()).orElseThrow().nextFireAt()).isEqualTo(TestTimes.at(9000));
  }

  @Test
  default void advanceLeavesEverythingElseAsTheOwnerSetIt() {
    ScheduledTask task = stored(aTask(storedUser()).nextFireAt(TestTimes.at(3600)).build());
    ScheduledTask paused = task.withActive(false, TestTimes.at(3500));
    tasks().update(paused);

    assertThat(tasks().advance(task.id(), TestTimes.at(3600), TestTimes.at(3600), TestTimes.at(7200),
        TestTimes.at(3601))).isTrue();

    assertThat(tasks().findById(task.userId(), task.id()))
        .contains(paused.fired(TestTimes.at(3600), TestTimes.at(7200), TestTimes.at(3601)));
  }

  @Test
  default void advanceOfAnUnknownTaskChangesNothing() {
    assertThat(tasks().advance(ScheduledTaskId.random(), null, null, TestTimes.at(1), TestTimes.at(1))).isFalse();
  }

  @Test
  default void deletesATaskOnce() {
    ScheduledTask task = stored(aTask(storedUser()).build());

    assertThat(tasks().delete(task.userId(), task.id())).isTrue();
    assertThat(tasks().delete(task.userId(), task.id())).isFalse();

    assertThat(tasks().findById(task.userId(), task.id())).isEmpty();
    assertThat(tasks().listActive()).doesNotContain(task);
  }

  @Test
  default void deletingTheOwnerDeletesTheTasks() {
    ScheduledTask task = stored(aTask(storedUser()).build());
    ScheduledTask other = stored(aTask(storedUser()).build());

    users().delete(task.userId());

    assertThat(tasks().listByUser(task.userId())).isEmpty();
    assertThat(tasks().listActive()).doesNotContain(task).contains(other);
  }
}
