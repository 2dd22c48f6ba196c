package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What readiness relies on: a stable non-blank name, and a check that answers quickly and never throws. */
public interface HealthIndicatorContract {
  HealthIndicator healthyIndicator();

  @Test
  default void name_is_stable_and_not_blank() {
    HealthIndicator indicator = healthyIndicator();
    assertThat(indicator.name()).isNotBlank().isEqualTo(indicator.name());
  }

  @Test
  default void healthy_component_reports_up_within_seconds() {
    HealthIndicator indicator = healthyIndicator();
    long start = System.nanoTime();
    HealthIndicator.Health health = indicator.check();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(health).isNotNull();
    assertThat(health.up()).isTrue();
  }
}
