package dev.va.application.service;

import dev.va.application.port.in.CheckReadinessUseCase;
import dev.va.application.port.out.HealthIndicator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs every registered health check; ready only when all are up. */
public final class ReadinessService implements CheckReadinessUseCase {
  private final List<HealthIndicator> indicators;

  public ReadinessService(List<HealthIndicator> indicators) {
    this.indicators = List.copyOf(indicators);
  }

  @Override
  public Readiness check() {
    Map<String, Component> components = new LinkedHashMap<>();
    boolean ready = true;
    for (HealthIndicator indicator : indicators) {
      long start = System.nanoTime();
      HealthIndicator.Health health;
      try {
        health = indicator.check();
      } catch (RuntimeException e) {
        health = new HealthIndicator.Health(false, e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      components.put(indicator.name(),
          new Component(health.up(), health.detail(), (System.nanoTime() - start) / 1_000_000));
      ready &= health.up();
    }
    return new Readiness(ready, components);
  }
}
