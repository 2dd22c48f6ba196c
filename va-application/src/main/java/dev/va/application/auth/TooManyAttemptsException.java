package dev.va.application.auth;

import java.time.Duration;

/** Login is throttled for this account or client address; try again after {@link #retryAfter()}. */
public class TooManyAttemptsException extends RuntimeException {
  private final Duration retryAfter;

  public TooManyAttemptsException(Duration retryAfter) {
    super("too many failed attempts; retry later");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
