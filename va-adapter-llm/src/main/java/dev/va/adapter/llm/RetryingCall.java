package dev.va.adapter.llm;

import com.openai.core.http.Headers;
import com.openai.errors.OpenAIServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs one API call with bounded retries. Only 408, 429 and 5xx answers are retried, at most {@code maxRetries}
 * times, after the wait the server asks for ({@code retry-after-ms}, else {@code Retry-After} in seconds or as a
 * date), else after 0.5 s, 1 s, 2 s... Everything, waits included, must end within {@code totalTimeout}: a wait that
 * would pass it ends the retries at once, and each attempt gets only the time left as its call timeout.
 * (The SDK's own retries cap a server's wait at 8 s instead of honouring it, retry timeouts, and know no total cap,
 * so the client is built with none.)
 */
final class RetryingCall {
  /** Waits between attempts; tests pass one that moves a fake clock. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

  private final int maxRetries;
  private final Duration totalTimeout;
  private final Clock clock;
  private final Sleeper sleeper;

  RetryingCall(int maxRetries, Duration totalTimeout, Clock clock, Sleeper sleeper) {
    this.maxRetries = maxRetries;
    this.totalTimeout = totalTimeout;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * @param attempt one request, given the time it may take
   * @throws RuntimeException the last attempt's failure, or {@link GaveUp} when the time ran out or the thread was
   *     interrupted while waiting
   */
  <T> T run(Function<Duration, T> attempt) {
    Instant deadline = clock.instant().plus(totalTimeout);
    for (int retry = 0; ; retry++) {
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) throw new GaveUp("no time left for another attempt");
      try {
        return attempt.apply(left);
      } catch (OpenAIServiceException e) {
        if (retry >= maxRetries || !retryable(e.statusCode())) throw e;
        Duration wait = retryAfter(e.headers()).orElse(FIRST_BACKOFF.multipliedBy(1L << retry));
        if (!clock.instant().plus(wait).isBefore(deadline)) throw e;
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new GaveUp("interrupted while waiting to retry");
        }
      }
    }
  }

  private static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /** The server's wait, capped at the total timeout (any longer wait ends the retries anyway). */
  private Optional<Duration> retryAfter(Headers headers) {
    Optional<Duration> millis = first(headers, "retry-after-ms").flatMap(v -> number(v, 1));
    if (millis.isPresent()) return millis;
    Optional<String> after = first(headers, "retry-after");
    if (after.isEmpty()) return Optional.empty();
    Optional<Duration> seconds = number(after.get(), 1000);
    if (seconds.isPresent()) return seconds;
    try {
      Instant at = ZonedDateTime.parse(after.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(capped(Duration.between(clock.instant(), at).toMillis()));
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> first(Headers headers, String name) {
    return headers.values(name).stream().findFirst().map(String::trim);
  }

  private Optional<Duration> number(String text, double millisPerUnit) {
    try {
      double millis = Double.parseDouble(text) * millisPerUnit;
      return Double.isNaN(millis) ? Optional.empty() : Optional.of(capped(millis));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private Duration capped(double millis) {
    return Duration.ofMillis((long) Math.max(0, Math.min(millis, totalTimeout.toMillis())));
  }

  /** The call was abandoned without an answer of its own. */
  static final class GaveUp extends RuntimeException {
    GaveUp(String message) {
      super(message, null, false, false);
    }
  }
}
