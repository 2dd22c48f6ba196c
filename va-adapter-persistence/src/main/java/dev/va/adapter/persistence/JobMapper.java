package dev.va.adapter.persistence;

import java.util.List;
import java.util.UUID;

/** Statements on {@code jobs}, in JobMapper.xml. */
interface JobMapper {
  /** One multi-row statement; {@code rows} must be non-empty and hold each id once. */
  void upsertAll(List<JobRow> rows);

  JobRow findById(UUID id);

  JobRow findByOwner(UUID userId, UUID id);

  List<JobRow> list(JobFilter filter);
}
