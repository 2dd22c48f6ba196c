package dev.va.application.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(1));

  @Test
  void theCeilingDoublesPerAttemptUpToTheCap() {
    assertThat(policy.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.ceiling(6)).isEqualTo(Duration.ofSeconds(32));
    assertThat(policy.ceiling(7)).isEqualTo(Duration.ofMinutes(1));
    assertThat(policy.ceiling(100)).as("no overflow").isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void retriesAreSpreadOverTheWholeWindow() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    SplittableRandom random = new SplittableRandom(7);
    Duration shortest = Duration.ofDays(1);
    Duration longest = Duration.ZERO;
    for (int i = 0; i < 1_000; i++) {
      Duration wait = Duration.between(now, policy.retryAt(3, now, random));
      assertThat(wait).isBetween(Duration.ZERO, Duration.ofSeconds(4));
      shortest = wait.compareTo(shortest) < 0 ? wait : shortest;
      longest = wait.compareTo(longest) > 0 ? wait : longest;
    }
    assertThat(shortest).as("full jitter reaches near zero").isLessThan(Duration.ofMillis(100));
    assertThat(longest).isGreaterThan(Duration.ofMillis(3_900));
  }

  @Test
  void rejectsAPolicyThatCannotBackOff() {
    assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
