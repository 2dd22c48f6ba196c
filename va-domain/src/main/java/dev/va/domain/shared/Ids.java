package dev.va.domain.shared;

import java.util.UUID;

/** Parsing shared by the typed ids. */
public final class Ids {
  private Ids() {}

  /** Parses a UUID; a missing or malformed value is a validation error naming {@code field}. */
  public static UUID uuid(String text, String field) {
    if (text == null) throw new DomainValidationException(field, field + " is required");
    try {
      UUID parsed = UUID.fromString(text.trim());
      if (!parsed.toString().equalsIgnoreCase(text.trim())) throw new IllegalArgumentException();
      return parsed;
    } catch (IllegalArgumentException e) {
      throw new DomainValidationException(field, field + " is not a valid id");
    }
  }
}
