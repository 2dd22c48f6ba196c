package dev.va.adapter.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Statements on {@code jobs}, in JobMapper.xml. */
interface JobMapper {
  /** One statement for every row; the rows must hold each id once. */
  void upsertAll(JobColumns rows);

  JobRow findById(UUID id);

  JobRow findByOwner(UUID userId, UUID id);

  List<JobRow> list(JobFilter filter);

  /** Oldest first after (afterAt, afterId) when afterAt is set. */
  List<JobRow> unfinished(Instant afterAt, UUID afterId, int max);
}
