package dev.va.adapter.persistence;

import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.schedule.ScheduledTaskId;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Scheduled tasks in PostgreSQL. */
public final class PostgresScheduledTaskRepository implements ScheduledTaskRepository {
  private final Database database;

  public PostgresScheduledTaskRepository(Database database) {
    this.database = database;
  }

  @Override
  public void insert(ScheduledTask task) {
    database.run(ScheduledTaskMapper.class, mapper -> mapper.insert(ScheduledTaskRow.of(task)));
  }

  @Override
  public void update(ScheduledTask task) {
    database.run(ScheduledTaskMapper.class, mapper -> mapper.update(ScheduledTaskRow.of(task)));
  }

  @Override
  public Optional<ScheduledTask> findById(UserId owner, ScheduledTaskId id) {
    return Optional.ofNullable(database.call(ScheduledTaskMapper.class,
        mapper -> mapper.findById(owner.value(), id.value()))).map(ScheduledTaskRow::toDomain);
  }

  @Override
  public List<ScheduledTask> listByUser(UserId owner) {
    return database.call(ScheduledTaskMapper.class, mapper -> mapper.listByUser(owner.value())).stream()
        .map(ScheduledTaskRow::toDomain).toList();
  }

  @Override
  public List<ScheduledTask> listActive() {
    return database.call(ScheduledTaskMapper.class, ScheduledTaskMapper::listActive).stream()
        .map(ScheduledTaskRow::toDomain).toList();
  }

  @Override
  public boolean advance(ScheduledTaskId id, Instant expectedNext, Instant lastFiredAt, Instant nextFireAt,
      Instant updatedAt) {
    return database.call(ScheduledTaskMapper.class,
        mapper -> mapper.advance(id.value(), expectedNext, lastFiredAt, nextFireAt, updatedAt)) > 0;
  }

  @Override
  public boolean delete(UserId owner, ScheduledTaskId id) {
    return database.call(ScheduledTaskMapper.class, mapper -> mapper.delete(owner.value(), id.value())) > 0;
  }
}
