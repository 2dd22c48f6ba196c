package dev.va.application.schedule;

import dev.va.application.NotFoundException;
import dev.va.application.port.in.ScheduledTaskUseCases.CreateTask;
import dev.va.application.port.in.ScheduledTaskUseCases.CreateTaskCommand;
import dev.va.application.port.in.ScheduledTaskUseCases.DeleteTask;
import dev.va.application.port.in.ScheduledTaskUseCases.GetTask;
import dev.va.application.port.in.ScheduledTaskUseCases.ListTasks;
import dev.va.application.port.in.ScheduledTaskUseCases.PauseTask;
import dev.va.application.port.in.ScheduledTaskUseCases.PreviewFireTimes;
import dev.va.application.port.in.ScheduledTaskUseCases.ResumeTask;
import dev.va.application.port.in.ScheduledTaskUseCases.UpdateTask;
import dev.va.application.port.in.ScheduledTaskUseCases.UpdateTaskCommand;
import dev.va.application.port.out.ScheduleCalculator;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.domain.schedule.Schedule;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.schedule.ScheduledTaskId;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The task use cases. A task's next fire time is set here whenever its timing starts over (created, schedule or zone
 * changed, resumed) and by the scheduler after each fire.
 */
public final class ScheduledTaskService implements CreateTask, ListTasks, GetTask, UpdateTask, DeleteTask, PauseTask,
    ResumeTask, PreviewFireTimes {
  private final ScheduledTaskRepository tasks;
  private final ScheduleCalculator calculator;
  private final Set<String> jobTypes;
  private final Clock clock;

  /** {@code jobTypes}: the types a handler is registered for; tasks may only enqueue those. */
  public ScheduledTaskService(ScheduledTaskRepository tasks, ScheduleCalculator calculator, Set<String> jobTypes,
      Clock clock) {
    this.tasks = tasks;
    this.calculator = calculator;
    this.jobTypes = Set.copyOf(jobTypes);
    this.clock = clock;
  }

  @Override
  public ScheduledTask create(CreateTaskCommand c) {
    requireKnownType(c.jobType());
    calculator.validate(c.schedule(), c.zone());
    Instant now = now();
    Instant next = calculator.next(c.schedule(), c.zone(), now, now).orElse(null);
    ScheduledTask task = new ScheduledTask(ScheduledTaskId.random(), c.user(), c.name(), c.schedule(), c.zone(), true,
        c.misfirePolicy(), c.jobType(), c.payload(), c.metadata(), null, next, now, now);
    tasks.insert(task);
    return task;
  }

  @Override
  public List<ScheduledTask> list(UserId user) {
    return tasks.listByUser(user);
  }

  @Override
  public ScheduledTask get(UserId user, ScheduledTaskId task) {
    return tasks.findById(user, task).orElseThrow(() -> new NotFoundException("task"));
  }

  @Override
  public ScheduledTask update(UpdateTaskCommand c) {
    ScheduledTask old = get(c.user(), c.task());
    if (c.jobType() != null) requireKnownType(c.jobType());
    Schedule schedule = c.schedule() == null ? old.schedule() : c.schedule();
    ZoneId zone = c.zone() == null ? old.zone() : c.zone();
    boolean retimed = !schedule.equals(old.schedule()) || !zone.equals(old.zone());
    if (retimed) calculator.validate(schedule, zone);
    Instant now = now();
    Instant next = retimed ? calculator.next(schedule, zone, old.createdAt(), now).orElse(null) : old.nextFireAt();
    ScheduledTask task = new ScheduledTask(old.id(), old.userId(), c.name() == null ? old.name() : c.name(),
        schedule, zone, old.active(), c.misfirePolicy() == null ? old.misfirePolicy() : c.misfirePolicy(),
        c.jobType() == null ? old.jobType() : c.jobType(), c.payload() == null ? old.payload() : c.payload(),
        c.metadata() == null ? old.metadata() : c.metadata(), old.lastFiredAt(), next, old.createdAt(), now);
    tasks.update(task);
    return task;
  }

  @Override
  public void delete(UserId user, ScheduledTaskId task) {
    if (!tasks.delete(user, task)) throw new NotFoundException("task");
  }

  @Override
  public ScheduledTask pause(UserId user, ScheduledTaskId id) {
    ScheduledTask task = get(user, id);
    if (!task.active()) return task;
    ScheduledTask paused = task.withActive(false, now());
    tasks.update(paused);
    return paused;
  }

  @Override
  public ScheduledTask resume(UserId user, ScheduledTaskId id) {
    ScheduledTask task = get(user, id);
    if (task.active()) return task;
    Instant now = now();
    // a pause is deliberate: what it skipped is not a misfire, so the task starts over from now
    Instant next = calculator.next(task, now).orElse(null);
    ScheduledTask resumed = new ScheduledTask(task.id(), task.userId(), task.name(), task.schedule(), task.zone(),
        true, task.misfirePolicy(), task.jobType(), task.payload(), task.metadata(), task.lastFiredAt(), next,
        task.createdAt(), now);
    tasks.update(resumed);
    return resumed;
  }

  @Override
  public List<Instant> nextFireTimes(UserId user, ScheduledTaskId id, int count) {
    Require.range(count, 1, ScheduleCalculator.MAX_PREVIEW, "count");
    ScheduledTask task = get(user, id);
    return calculator.next(task.schedule(), task.zone(), task.createdAt(), now(), count);
  }

  private void requireKnownType(String type) {
    if (!jobTypes.contains(type)) {
      throw new DomainValidationException("job_type", "job_type '" + type + "' has no handler; known types: "
          + String.join(", ", new TreeSet<>(jobTypes)));
    }
  }

  /** Stores keep microseconds; times made here carry no finer unit, so what is read back equals what was made. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
