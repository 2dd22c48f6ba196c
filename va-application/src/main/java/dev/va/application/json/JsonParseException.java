package dev.va.application.json;

/** The text is not valid JSON, or breaks a limit; {@code line} and {@code column} count from 1. */
public class JsonParseException extends RuntimeException {
  private final int line;
  private final int column;

  public JsonParseException(String reason, int line, int column) {
    super(reason + " at line " + line + ", column " + column);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
