package dev.va.application;

/** A use case was asked for something that does not exist (or that the caller may not see). */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
