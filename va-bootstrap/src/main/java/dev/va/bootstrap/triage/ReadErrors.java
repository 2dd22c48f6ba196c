package dev.va.bootstrap.triage;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Read errors in words a user can act on, rather than exception class names. */
final class ReadErrors {
  private ReadErrors() {}

  static String describe(IOException error) {
    if (error instanceof NoSuchFileException) return "cannot read: no such file";
    if (error instanceof AccessDeniedException) return "cannot read: permission denied";
    if (error instanceof CharacterCodingException) return "cannot read: not UTF-8 text";
    String message = error.getMessage();
    return "cannot read: " + (message == null || message.isBlank() ? error.getClass().getSimpleName() : message);
  }
}
