package dev.va.application.job;

import dev.va.application.ConflictException;
import dev.va.application.NotFoundException;
import dev.va.application.port.in.JobUseCases.CancelJob;
import dev.va.application.port.in.JobUseCases.GetJob;
import dev.va.application.port.in.JobUseCases.JobDetails;
import dev.va.application.port.in.JobUseCases.ListJobs;
import dev.va.application.port.in.JobUseCases.ListJobsCommand;
import dev.va.application.port.in.JobUseCases.RetryJob;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobQueue.DeadLetter;
import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.Page;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobStatus;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The job use cases. The job record (written by the workers through the job history) says who owns a job; the queue,
 * which holds a job until it succeeds or is cancelled, has its freshest state and its error history.
 */
public final class JobService implements ListJobs, GetJob, RetryJob, CancelJob {
  /** {@link ConflictException} code of a retry of a job that is not dead. */
  public static final String NOT_DEAD = "job_not_dead";
  /** {@link ConflictException} code of a cancellation of a job that has ended. */
  public static final String FINISHED = "job_finished";

  /** How many of the newest dead letters are searched for a dead job's errors. */
  static final int DEAD_LETTER_SCAN = 1000;

  private final JobRepository jobs;
  private final JobQueue queue;
  private final Clock clock;

  public JobService(JobRepository jobs, JobQueue queue, Clock clock) {
    this.jobs = jobs;
    this.queue = queue;
    this.clock = clock;
  }

  @Override
  public Page<Job> list(ListJobsCommand command) {
    return jobs.list(command.query());
  }

  @Override
  public JobDetails get(UserId user, JobId id) {
    Job job = current(owned(user, id));
    List<String> errors = job.status() == JobStatus.DEAD ? deadLetterErrors(id) : List.of();
    if (errors.isEmpty() && job.lastError() != null) errors = List.of(job.lastError());
    return new JobDetails(job, errors);
  }

  @Override
  public Job retry(UserId user, JobId id) {
    owned(user, id);
    Job redriven = queue.redrive(id)
        .orElseThrow(() -> new ConflictException(NOT_DEAD, "only a dead job can be retried"));
    jobs.upsertAll(List.of(redriven));
    return redriven;
  }

  @Override
  public Job cancel(UserId user, JobId id) {
    Job record = owned(user, id);
    Optional<Job> inQueue = queue.cancel(id);
    if (inQueue.isPresent()) {
      if (inQueue.get().status() == JobStatus.CANCELLED) jobs.upsertAll(List.of(inQueue.get()));
      return inQueue.get();
    }
    Job job = current(record);
    if (job.status().terminal()) {
      throw new ConflictException(FINISHED, "job already ended " + job.status());
    }
    // recorded as waiting but not in the queue (lost with an in-process queue, or a claim never enqueued):
    // cancelling the record keeps recovery from queueing it later
    Job cancelled = job.cancelled(clock.instant());
    jobs.upsertAll(List.of(cancelled));
    return cancelled;
  }

  private Job owned(UserId user, JobId id) {
    return jobs.findById(user, id).orElseThrow(() -> new NotFoundException("job"));
  }

  private Job current(Job record) {
    return queue.find(record.id()).orElse(record);
  }

  private List<String> deadLetterErrors(JobId id) {
    return queue.deadLetters(DEAD_LETTER_SCAN).stream()
        .filter(letter -> letter.job().id().equals(id))
        .findFirst()
        .map(DeadLetter::errors)
        .orElse(List.of());
  }
}
