package dev.va.application.port.out;

/** An insert broke a uniqueness rule of the domain; {@code field} names the value that is taken. */
public class DuplicateException extends RuntimeException {
  private final String field;

  public DuplicateException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
