package dev.va.application.job;

import dev.va.domain.job.Job;
import java.util.function.Supplier;

/** What a running job sees of the worker: its record, progress reporting, cancellation and once-only effects. */
public interface JobContext {
  /** The job as delivered: RUNNING, this attempt counted. */
  Job job();

  /** The job's JSON payload. */
  String payload();

  /** Reports progress (0–100). */
  void progress(int percent);

  /** True once the job was asked to stop; the handler should then stop at the next safe point. */
  boolean cancellationRequested();

  /**
   * Performs {@code effect} unless an earlier run (this job delivered again, or another job using the same key)
   * already did. Keys name the effect itself, e.g. {@code "auto-reply:" + messageId}. Returns true when it ran now.
   *
   * @throws EffectInProgressException when another job holds the key right now; the attempt fails and is retried
   */
  boolean once(String effectKey, Runnable effect);

  /** Like {@link #once(String, Runnable)}, returning the effect's result, recorded for later runs (e.g. JSON). */
  String once(String effectKey, Supplier<String> effect);
}
