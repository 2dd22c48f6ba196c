package dev.va.adapter.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Statements on {@code scheduled_tasks}, in ScheduledTaskMapper.xml. */
interface ScheduledTaskMapper {
  void insert(ScheduledTaskRow row);

  int update(ScheduledTaskRow row);

  ScheduledTaskRow findById(UUID userId, UUID id);

  List<ScheduledTaskRow> listByUser(UUID userId);

  List<ScheduledTaskRow> listActive();

  int delete(UUID userId, UUID id);

  int advance(UUID id, Instant expectedNext, Instant lastFiredAt, Instant nextFireAt, Instant updatedAt);
}
