package dev.va.domain.job;

/** Life cycle of a background job. */
public enum JobStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  DEAD,
  CANCELLED;

  public boolean terminal() {
    return this == SUCCEEDED || this == DEAD || this == CANCELLED;
  }
}
