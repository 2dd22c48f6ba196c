package dev.va.application.port.out;

import dev.va.domain.job.JobStatus;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;

/** Filters of the job list (null: any); newest first. */
public record JobQuery(UserId owner, JobStatus status, String type, String queue, PageRequest page) {
  public JobQuery {
    Require.nonNull(owner, "owner");
    Require.nonNull(page, "page");
  }
}
