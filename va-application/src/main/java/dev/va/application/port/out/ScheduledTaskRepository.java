package dev.va.application.port.out;

import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.schedule.ScheduledTaskId;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/** Scheduled tasks. */
public interface ScheduledTaskRepository {
  void insert(ScheduledTask task);

  void update(ScheduledTask task);

  Optional<ScheduledTask> findById(UserId owner, ScheduledTaskId id);

  List<ScheduledTask> listByUser(UserId owner);

  /** Active tasks of every user, for the scheduler. */
  List<ScheduledTask> listActive();

  boolean delete(UserId owner, ScheduledTaskId id);
}
