package dev.va.application.port.out;

/** One component whose reachability decides readiness (database, Redis, ...). */
public interface HealthIndicator {
  /** Result of one check. */
  record Health(boolean up, String detail) {}

  String name();

  /** Must return within a few seconds and never throw. */
  Health check();
}
