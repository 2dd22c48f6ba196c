package dev.va.domain.schedule;

/** What a scheduler does with fire times it missed while down. */
public enum MisfirePolicy {
  /** Fire once for all missed instants, then continue on schedule. */
  FIRE_ONCE,
  /** Drop missed instants; continue with the next one in the future. */
  SKIP
}
