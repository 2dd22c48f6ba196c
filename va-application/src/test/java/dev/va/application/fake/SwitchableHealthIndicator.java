package dev.va.application.fake;

import dev.va.application.port.out.HealthIndicator;
import java.util.concurrent.atomic.AtomicReference;

/** A component whose state a test sets: up or down, with a detail. */
public final class SwitchableHealthIndicator implements HealthIndicator {
  private final String name;
  private final AtomicReference<Health> health = new AtomicReference<>(new Health(true, "ok"));

  public SwitchableHealthIndicator(String name) {
    this.name = name;
  }

  public void up(String detail) {
    health.set(new Health(true, detail));
  }

  public void down(String detail) {
    health.set(new Health(false, detail));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Health check() {
    return health.get();
  }
}
