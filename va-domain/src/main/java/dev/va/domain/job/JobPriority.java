package dev.va.domain.job;

/** Higher priority jobs are fetched before lower ones of the same queue. */
public enum JobPriority {
  HIGH,
  NORMAL,
  LOW
}
