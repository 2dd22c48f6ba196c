package dev.va.adapter.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a failing API. Closed: calls pass, and {@code threshold} failures in a row open it. Open: calls are
 * refused until the cool-down has passed. Half-open: one probe passes (others are refused); its success closes the
 * breaker, its failure opens it for another cool-down.
 */
final class CircuitBreaker {
  private enum State { CLOSED, OPEN, HALF_OPEN }

  private final int threshold;
  private final Duration coolDown;
  private final Clock clock;
  private State state = State.CLOSED;
  private int failures;
  private Instant openUntil = Instant.MIN;

  CircuitBreaker(int threshold, Duration coolDown, Clock clock) {
    this.threshold = threshold;
    this.coolDown = coolDown;
    this.clock = clock;
  }

  /** Whether a call may go out now; a true answer must be followed by {@link #succeeded} or {@link #failed}. */
  synchronized boolean tryAcquire() {
    return switch (state) {
      case CLOSED -> true;
      case HALF_OPEN -> false;
      case OPEN -> {
        if (clock.instant().isBefore(openUntil)) yield false;
        state = State.HALF_OPEN;
        yield true;
      }
    };
  }

  synchronized void succeeded() {
    state = State.CLOSED;
    failures = 0;
  }

  /** @return true when this failure opened the breaker */
  synchronized boolean failed() {
    failures++;
    if (state == State.HALF_OPEN || (state == State.CLOSED && failures >= threshold)) {
      state = State.OPEN;
      openUntil = clock.instant().plus(coolDown);
      return true;
    }
    return false;
  }
}
