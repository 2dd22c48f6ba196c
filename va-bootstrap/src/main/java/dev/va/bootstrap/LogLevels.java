package dev.va.bootstrap;

import ch.qos.logback.classic.Level;
import dev.va.bootstrap.config.LogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@code VA_LOG_LEVEL} to the root logger when logback is the backend (an embedder may use another). */
final class LogLevels {
  private LogLevels() {}

  static void apply(LogLevel level) {
    if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.toLevel(level.name()));
    }
  }
}
