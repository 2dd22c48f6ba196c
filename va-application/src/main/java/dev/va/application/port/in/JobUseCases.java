package dev.va.application.port.in;

import dev.va.application.port.out.JobQuery;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobStatus;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Locale;

/**
 * The background jobs of a user: list, inspect, retry dead ones, cancel. A namespace: each nested interface is one
 * use case with its command records. Another user's job is reported as not found.
 */
public interface JobUseCases {
  /** Filters (null: any) and a page of the list, newest first. */
  record ListJobsCommand(UserId user, JobStatus status, String type, String queue, PageRequest page) {
    public ListJobsCommand {
      Require.nonNull(user, "user");
      Require.nonNull(page, "page");
      type = blankToNull(type);
      queue = blankToNull(queue);
    }

    /** From the values of a request; {@code status} in any case. */
    public static ListJobsCommand of(UserId user, String status, String type, String queue, int limit,
        String cursor) {
      return new ListJobsCommand(user, status(status), type, queue, new PageRequest(limit, cursor));
    }

    public JobQuery query() {
      return new JobQuery(user, status, type, queue, page);
    }

    private static JobStatus status(String text) {
      if (text == null || text.isBlank()) return null;
      try {
        return JobStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new DomainValidationException("status", "status must be one of " + List.of(JobStatus.values()));
      }
    }

    private static String blankToNull(String text) {
      return text == null || text.isBlank() ? null : text.trim();
    }
  }

  /** A job as it stands now, with the errors of its failed attempts, oldest first, as far as they are kept. */
  record JobDetails(Job job, List<String> errors) {
    public JobDetails {
      errors = List.copyOf(errors);
    }
  }

  interface ListJobs {
    Page<Job> list(ListJobsCommand command);
  }

  interface GetJob {
    JobDetails get(UserId user, JobId job);
  }

  /**
   * Puts a dead job back in its queue with fresh attempts; a job that is not dead is a
   * {@link dev.va.application.ConflictException}.
   */
  interface RetryJob {
    Job retry(UserId user, JobId job);
  }

  /**
   * Cancels a waiting job (returned CANCELLED) or asks a running one to stop (returned RUNNING; it ends CANCELLED
   * when its handler stops). A finished job is a {@link dev.va.application.ConflictException}.
   */
  interface CancelJob {
    Job cancel(UserId user, JobId job);
  }
}
