package dev.va.bootstrap.config;

/** A configuration variable is missing or wrong. The message is one line naming the variable and the problem. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String variable, String problem) {
    super(variable + ": " + problem);
  }
}
