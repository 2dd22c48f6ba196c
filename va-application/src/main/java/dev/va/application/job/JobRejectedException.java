package dev.va.application.job;

/** Thrown by a handler for a job that no retry can fix (e.g. an invalid payload): the job goes dead at once. */
public class JobRejectedException extends RuntimeException {
  public JobRejectedException(String message) {
    super(message);
  }

  public JobRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
