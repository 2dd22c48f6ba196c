package dev.va.adapter.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Statements on {@code schedule_claims}, in ScheduleClaimMapper.xml. */
interface ScheduleClaimMapper {
  /** Inserts the claim unless the instant is taken or the task is gone; returns the rows inserted (0 or 1). */
  int claim(UUID taskId, Instant fireAt, UUID jobId, Instant claimedAt);

  List<ScheduleClaimRow> unenqueued(Instant olderThan, int limit);

  int markEnqueued(UUID taskId, Instant fireAt);

  int purge(Instant firedBefore);
}
