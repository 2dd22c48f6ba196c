package dev.va.application.port.out;

import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.user.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Job records and history: the truth about a job once the queue is done with it. */
public interface JobRepository {
  /**
   * Inserts or replaces each job by id, in one round trip where the store allows (history is written in batches).
   * When the same id appears more than once, the last one wins. A QUEUED record never replaces a RUNNING,
   * SUCCEEDED or CANCELLED one: the process that enqueued a job may report it after a worker elsewhere ran it.
   */
  void upsertAll(Collection<Job> jobs);

  Optional<Job> findById(JobId id);

  Optional<Job> findById(UserId owner, JobId id);

  Page<Job> list(JobQuery query);

  /**
   * Jobs of every owner whose last record says a queue still held them: QUEUED, RUNNING, or FAILED and waiting for
   * a retry. Oldest first (creation time, then id), at most {@code max}, after {@code after} (null: from the first).
   * A queue that keeps its jobs in memory restores them from here when its process starts again.
   */
  List<Job> unfinished(Job after, int max);
}
