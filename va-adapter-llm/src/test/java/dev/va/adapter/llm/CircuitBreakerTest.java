package dev.va.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fake.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2025-03-04T10:00:00Z"));
  private final CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(30), clock);

  @Test
  void aSuccessResetsTheCountOfFailuresInARow() {
    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.failed()).isFalse();
    breaker.succeeded();
    assertThat(breaker.failed()).isFalse();
    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.failed()).isTrue();
    assertThat(breaker.tryAcquire()).isFalse();
  }

  @Test
  void halfOpenLetsExactlyOneProbeThrough() {
    breaker.failed();
    breaker.failed();
    clock.advance(Duration.ofSeconds(30));

    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.tryAcquire()).isFalse();
    breaker.succeeded();
    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.tryAcquire()).isTrue();
  }
}
