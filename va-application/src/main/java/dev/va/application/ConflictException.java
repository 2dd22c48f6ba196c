package dev.va.application;

/**
 * The request is valid but the resource's current state forbids it (retrying a job that is not dead, cancelling one
 * that has ended). {@code code} is a stable machine-readable reason such as {@code job_not_dead}.
 */
public class ConflictException extends RuntimeException {
  private final String code;

  public ConflictException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
