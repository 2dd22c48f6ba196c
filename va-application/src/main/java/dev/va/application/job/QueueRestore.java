package dev.va.application.job;

import dev.va.application.port.out.JobHistory;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobRepository;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Puts back the jobs a queue held only in memory when its process ended: every job whose last record is QUEUED,
 * RUNNING or FAILED (waiting for its retry) goes into the queue again, due when it was due. A job that was running
 * has lost that attempt: it counts as failed ("the process stopped while it ran") and is dead when it had none
 * left. Run once at start, before any worker or scheduler, by the only process using that in-memory queue: a queue
 * shared by several processes (Redis) keeps its jobs itself and must not be restored.
 *
 * <p>Effects a restored job already performed are not repeated where its handler guards them with
 * {@link JobContext#once} and the side-effect ledger outlived the process (va keeps it in PostgreSQL with this
 * queue); outbox sends are guarded by their own claim in any case.
 */
public final class QueueRestore {
  static final String INTERRUPTED = "the process stopped while the job ran";
  static final int PAGE = 500;

  /** How many jobs went back into the queue, and how many were dead for want of attempts. */
  public record Result(int requeued, int dead) {}

  private final JobRepository jobs;
  private final JobQueue queue;
  private final JobHistory history;
  private final Clock clock;

  public QueueRestore(JobRepository jobs, JobQueue queue, JobHistory history, Clock clock) {
    this.jobs = jobs;
    this.queue = queue;
    this.history = history;
    this.clock = clock;
  }

  public Result restore() {
    Instant now = clock.instant();
    int requeued = 0;
    int dead = 0;
    Job after = null;
    for (List<Job> page = jobs.unfinished(null, PAGE); !page.isEmpty(); page = jobs.unfinished(after, PAGE)) {
      for (Job job : page) {
        Job waiting = job;
        if (job.status() == JobStatus.RUNNING) {
          waiting = job.failed(INTERRUPTED, now, now);
          // recorded first: a later "queued" record would not replace "running"
          history.record(waiting);
          if (waiting.status() == JobStatus.DEAD) {
            dead++;
            continue;
          }
        }
        queue.enqueue(queued(waiting));
        requeued++;
      }
      after = page.get(page.size() - 1);
    }
    return new Result(requeued, dead);
  }

  /** The job as waiting in a queue: attempts and last error kept, no run in progress. */
  private static Job queued(Job job) {
    return new Job(job.id(), job.userId(), job.type(), job.queue(), job.priority(), job.payload(), JobStatus.QUEUED,
        job.attempts(), job.maxAttempts(), job.runAt(), job.idempotencyKey(), job.progress(), job.lastError(),
        job.createdAt(), job.startedAt(), null, job.revision());
  }
}
