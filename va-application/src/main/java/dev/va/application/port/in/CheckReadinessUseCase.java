package dev.va.application.port.in;

import java.util.Map;

/** Tells whether every component va depends on is reachable. */
public interface CheckReadinessUseCase {
  /** Overall readiness and one entry per component. */
  record Readiness(boolean ready, Map<String, Component> components) {
    public Readiness {
      components = Map.copyOf(components);
    }
  }

  /** State of one component and how long its check took. */
  record Component(boolean up, String detail, long millis) {}

  Readiness check();
}
