package dev.va.domain.shared;

/** A value broke an invariant of the model. Carries the offending field so callers can name it to the user. */
public class DomainValidationException extends RuntimeException {
  private final String field;

  public DomainValidationException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
