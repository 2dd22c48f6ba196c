package dev.va.adapter.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Statements on {@code data_analysis_jobs}, in DataAnalysisJobMapper.xml. */
interface DataAnalysisJobMapper {
  void insert(DataAnalysisJobRow row);

  int update(DataAnalysisJobRow row);

  DataAnalysisJobRow findById(UUID userId, UUID id);

  /** Newest first, after ({@code cursorAt}, {@code cursorId}) when they are not null. */
  List<DataAnalysisJobRow> listByUser(UUID userId, Instant cursorAt, UUID cursorId, int fetchSize);

  int delete(UUID userId, UUID id);
}
