package dev.va.bootstrap.config;

/** Threshold of the root logger. */
public enum LogLevel {
  TRACE, DEBUG, INFO, WARN, ERROR
}
