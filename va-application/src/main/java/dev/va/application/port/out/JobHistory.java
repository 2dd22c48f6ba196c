package dev.va.application.port.out;

import dev.va.domain.job.Job;

/**
 * Receives every state change of a job as the workers make it (running, progress, succeeded, failed, dead,
 * cancelled, released), to keep the durable record. Called on the workers' hot path: implementations must return
 * fast (buffer and write in batches) and never throw.
 */
public interface JobHistory {
  void record(Job job);
}
