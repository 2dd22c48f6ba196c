package dev.va.application.fake;

import dev.va.application.port.out.Cursor;
import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.schedule.ScheduledTaskId;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Scheduled tasks in memory. */
public final class InMemoryScheduledTaskRepository implements ScheduledTaskRepository, OwnedByUser {
  private static final Comparator<ScheduledTask> BY_ID =
      (a, b) -> Cursor.compareIds(a.id().value(), b.id().value());
  private static final Comparator<ScheduledTask> OLDEST_FIRST =
      Comparator.comparing(ScheduledTask::createdAt).thenComparing(BY_ID);
  private static final Comparator<ScheduledTask> SOONEST_FIRST = Comparator.comparing(ScheduledTask::nextFireAt,
      Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(BY_ID);

  private final Map<ScheduledTaskId, ScheduledTask> tasks = new LinkedHashMap<>();

  @Override
  public synchronized void insert(ScheduledTask task) {
    if (tasks.containsKey(task.id())) throw new DuplicateException("id", "task id is taken");
    tasks.put(task.id(), task);
  }

  @Override
  public synchronized void update(ScheduledTask task) {
    if (findById(task.userId(), task.id()).isPresent()) tasks.put(task.id(), task);
  }

  @Override
  public synchronized Optional<ScheduledTask> findById(UserId owner, ScheduledTaskId id) {
    return Optional.ofNullable(tasks.get(id)).filter(task -> task.userId().equals(owner));
  }

  @Override
  public synchronized List<ScheduledTask> listByUser(UserId owner) {
    return tasks.values().stream().filter(task -> task.userId().equals(owner)).sorted(OLDEST_FIRST).toList();
  }

  @Override
  public synchronized List<ScheduledTask> listActive() {
    return tasks.values().stream().filter(ScheduledTask::active).sorted(SOONEST_FIRST).toList();
  }

  @Override
  public synchronized boolean delete(UserId owner, ScheduledTaskId id) {
    return findById(owner, id).map(task -> tasks.remove(id)).isPresent();
  }

  @Override
  public synchronized boolean advance(ScheduledTaskId id, Instant expectedNext, Instant lastFiredAt,
      Instant nextFireAt, Instant updatedAt) {
    ScheduledTask task = tasks.get(id);
    if (task == null || !Objects.equals(task.nextFireAt(), expectedNext)) return false;
    tasks.put(id, task.fired(lastFiredAt == null ? task.lastFiredAt() : lastFiredAt, nextFireAt, updatedAt));
    return true;
  }

  /** Whether a task with this id exists, whoever owns it; schedule claims need one, as their foreign key does. */
  synchronized boolean contains(ScheduledTaskId id) {
    return tasks.containsKey(id);
  }

  @Override
  public synchronized void deleteOwnedBy(UserId owner) {
    tasks.values().removeIf(task -> task.userId().equals(owner));
  }
}
