package dev.va.application.port.out;

import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.schedule.ScheduledTaskId;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Scheduled tasks. */
public interface ScheduledTaskRepository {
  void insert(ScheduledTask task);

  /** Replaces the stored task with the same id and owner; does nothing when there is none. */
  void update(ScheduledTask task);

  Optional<ScheduledTask> findById(UserId owner, ScheduledTaskId id);

  /** Oldest first (creation time, then id). */
  List<ScheduledTask> listByUser(UserId owner);

  /** Active tasks of every user, for the scheduler: soonest next fire time first, tasks without one last. */
  List<ScheduledTask> listActive();

  boolean delete(UserId owner, ScheduledTaskId id);

  /**
   * Records what a scheduler fired, touching nothing else of the task, and only while its next fire time is still
   * {@code expectedNext} (null included): a task another scheduler already advanced, or whose owner changed its
   * schedule meanwhile, stays as it is. Sets {@code lastFiredAt} (null keeps the stored one), {@code nextFireAt}
   * (null: never) and {@code updatedAt}. Returns whether the task was advanced.
   */
  boolean advance(ScheduledTaskId id, Instant expectedNext, Instant lastFiredAt, Instant nextFireAt, Instant updatedAt);
}
