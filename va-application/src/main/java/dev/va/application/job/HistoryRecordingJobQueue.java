package dev.va.application.job;

import dev.va.application.port.out.JobHistory;
import dev.va.application.port.out.JobQueue;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The job queue as use cases see it: jobs they enqueue, cancel or redrive are recorded in the job history at once, so
 * the API lists a job from the moment it is queued, not only once a worker picks it up. Workers record the rest.
 */
public final class HistoryRecordingJobQueue implements JobQueue {
  private final JobQueue queue;
  private final JobHistory history;

  public HistoryRecordingJobQueue(JobQueue queue, JobHistory history) {
    this.queue = queue;
    this.history = history;
  }

  @Override
  public Job enqueue(Job job) {
    Job queued = queue.enqueue(job);
    // an idempotent enqueue returns the existing job, whose newer state the history already has
    if (queued.id().equals(job.id())) history.record(queued);
    return queued;
  }

  @Override
  public List<Job> enqueueAll(List<Job> jobs) {
    List<Job> queued = queue.enqueueAll(jobs);
    for (int i = 0; i < queued.size(); i++) {
      if (queued.get(i).id().equals(jobs.get(i).id())) history.record(queued.get(i));
    }
    return queued;
  }

  @Override
  public Optional<Job> cancel(JobId id) {
    Optional<Job> cancelled = queue.cancel(id);
    cancelled.ifPresent(history::record);
    return cancelled;
  }

  @Override
  public Optional<Job> redrive(JobId id) {
    Optional<Job> redriven = queue.redrive(id);
    redriven.ifPresent(history::record);
    return redriven;
  }

  @Override
  public List<Delivery> fetch(String workerId, Set<String> queues, int max, Duration wait)
      throws InterruptedException {
    return queue.fetch(workerId, queues, max, wait);
  }

  @Override
  public Optional<Job> ack(Delivery delivery) {
    return queue.ack(delivery);
  }

  @Override
  public List<Job> ackAll(List<Delivery> deliveries) {
    return queue.ackAll(deliveries);
  }

  @Override
  public Optional<Job> fail(Delivery delivery, String error, Instant retryAt) {
    return queue.fail(delivery, error, retryAt);
  }

  @Override
  public Optional<Job> cancelled(Delivery delivery) {
    return queue.cancelled(delivery);
  }

  @Override
  public Optional<Job> release(Delivery delivery, Instant dueAt) {
    return queue.release(delivery, dueAt);
  }

  @Override
  public boolean progress(Delivery delivery, int percent) {
    return queue.progress(delivery, percent);
  }

  @Override
  public boolean cancellationRequested(JobId id) {
    return queue.cancellationRequested(id);
  }

  @Override
  public Optional<Job> find(JobId id) {
    return queue.find(id);
  }

  @Override
  public List<DeadLetter> deadLetters(int limit) {
    return queue.deadLetters(limit);
  }

  @Override
  public void heartbeat(String workerId) {
    queue.heartbeat(workerId);
  }

  @Override
  public List<Job> reap() {
    return queue.reap(); // the worker pool that reaps records them
  }
}
