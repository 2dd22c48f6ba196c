package dev.va.application.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per key (an account or a client address). A key may fail {@code freeFailures} times; the
 * failure that reaches that count locks it for 1 s, and each further one for twice as long as the one before (2 s,
 * 4 s ... capped at {@code maxDelay}), so the attempt right after the free ones is refused until the lock ends.
 * Failures older than the window are forgotten. State is per process: behind several API instances the limit
 * applies per instance.
 */
public final class LoginThrottle {
  private record State(int failures, Instant lastFailure, Instant lockedUntil) {}

  private static final int MAX_KEYS = 100_000;

  private final Clock clock;
  private final int freeFailures;
  private final Duration window;
  private final Duration maxDelay;
  private final Map<String, State> states = new ConcurrentHashMap<>();

  public LoginThrottle(Clock clock, int freeFailures, Duration window, Duration maxDelay) {
    this.clock = clock;
    this.freeFailures = freeFailures;
    this.window = window;
    this.maxDelay = maxDelay;
  }

  /** Time left before {@code key} may try again, if it is locked now. */
  public Optional<Duration> lockedFor(String key) {
    State state = states.get(key);
    Instant now = clock.instant();
    if (state == null || state.lockedUntil() == null || !state.lockedUntil().isAfter(now)) return Optional.empty();
    return Optional.of(Duration.between(now, state.lockedUntil()));
  }

  public void recordFailure(String key) {
    Instant now = clock.instant();
    if (states.size() > MAX_KEYS) evictStale(now);
    states.compute(key, (k, old) -> {
      int failures = old == null || old.lastFailure().plus(window).isBefore(now) ? 1 : old.failures() + 1;
      Instant lockedUntil = null;
      if (failures >= freeFailures) {
        int exponent = Math.min(failures - freeFailures, 30);
        Duration delay = Duration.ofSeconds(1L << exponent);
        lockedUntil = now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
      }
      return new State(failures, now, lockedUntil);
    });
  }

  public void recordSuccess(String key) {
    states.remove(key);
  }

  private void evictStale(Instant now) {
    states.entrySet().removeIf(e -> e.getValue().lastFailure().plus(window).isBefore(now)
        && (e.getValue().lockedUntil() == null || e.getValue().lockedUntil().isBefore(now)));
  }
}
