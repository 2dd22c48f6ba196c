package dev.va.application.job;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: after attempt {@code n} the retry waits a uniformly random time in
 * {@code [0, min(cap, base * 2^(n-1))]}, which spreads retries of jobs that failed together.
 */
public record RetryPolicy(Duration base, Duration cap) {
  public RetryPolicy {
    if (base.isNegative() || base.isZero()) throw new IllegalArgumentException("base must be positive");
    if (cap.compareTo(base) < 0) throw new IllegalArgumentException("cap must not be below base");
  }

  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(10));
  }

  /** Upper bound of the wait after attempt {@code attempts} (1-based). */
  public Duration ceiling(int attempts) {
    int doublings = Math.max(0, Math.min(attempts - 1, 62));
    long baseNanos = base.toNanos();
    boolean overflows = doublings >= Long.numberOfLeadingZeros(baseNanos) - 1;
    long nanos = overflows ? Long.MAX_VALUE : baseNanos << doublings;
    return Duration.ofNanos(Math.min(nanos, cap.toNanos()));
  }

  public Instant retryAt(int attempts, Instant now, RandomGenerator random) {
    long ceiling = ceiling(attempts).toNanos();
    return now.plusNanos(random.nextLong(ceiling + 1));
  }
}
