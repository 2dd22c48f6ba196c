package dev.va.application.fake;

import dev.va.application.port.out.HealthIndicator;
import dev.va.application.port.out.HealthIndicatorContract;

class SwitchableHealthIndicatorTest implements HealthIndicatorContract {
  @Override
  public HealthIndicator healthyIndicator() {
    return new SwitchableHealthIndicator("fake");
  }
}
