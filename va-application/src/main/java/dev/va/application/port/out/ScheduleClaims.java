package dev.va.application.port.out;

import dev.va.domain.job.Job;
import dev.va.domain.schedule.ScheduledTaskId;
import java.time.Instant;
import java.util.List;

/**
 * Who fires which instant of a scheduled task: the one scheduler, of any number sharing the store, whose claim of
 * (task, instant) succeeded. A claim records the job for the instant in the same transaction, so a scheduler that
 * dies after claiming leaves a job record that {@link #unenqueued} hands to whoever recovers it.
 */
public interface ScheduleClaims {
  /** A claimed instant and its job, as the job record reads now. */
  record Claim(ScheduledTaskId task, Instant fireAt, Job job) {}

  /**
   * Claims {@code fireAt} of {@code task} for {@code job} (QUEUED; its {@code createdAt} is the claim time): records
   * the claim and the job atomically. Returns false, recording nothing, when the instant was claimed before or the
   * task no longer exists.
   */
  boolean claim(ScheduledTaskId task, Instant fireAt, Job job);

  /** Claims not yet marked enqueued whose job was created before {@code olderThan}, oldest first, at most {@code limit}. */
  List<Claim> unenqueued(Instant olderThan, int limit);

  /** The claim's job is in the queue; does nothing for an unknown claim. */
  void markEnqueued(ScheduledTaskId task, Instant fireAt);

  /**
   * Forgets enqueued claims of instants before {@code firedBefore}, which no scheduler fires again once the task's
   * next fire time moved past them; claims not yet enqueued stay for recovery. Returns how many went.
   */
  int purge(Instant firedBefore);
}
