package dev.va.application.job;

/**
 * Runs the jobs of one type. Returning normally acks the job; throwing fails the attempt (retried with backoff until
 * its attempts run out); throwing {@link JobRejectedException} sends it to the dead letters at once. A handler that
 * sees {@link JobContext#cancellationRequested()} should stop: the job then ends CANCELLED however it returns.
 * A job may run more than once (at-least-once delivery): make effects idempotent or wrap them in
 * {@link JobContext#once}.
 */
public interface JobHandler {
  String type();

  void handle(JobContext context) throws Exception;
}
