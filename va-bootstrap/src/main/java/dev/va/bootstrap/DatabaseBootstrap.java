package dev.va.bootstrap;

/**
 * Brings the configured database to the current schema; what {@code va migrate} runs. Bound by the module that
 * wires persistence (see {@link VaModules#migrate}).
 */
public interface DatabaseBootstrap {
  /**
   * Applies every pending migration, creating the embedded database first when that is the configured one.
   *
   * @return one line for the operator, e.g. which migrations were applied
   */
  String migrate();
}
