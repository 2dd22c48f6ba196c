package dev.va.domain.mail;

import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Instant;

/**
 * A category a user defined for their mail: a name (unique per user, never a built-in name, never renamed: messages,
 * rules and the user's classifier model refer to it by name) and a description of what belongs in it, which the
 * language model is shown when it classifies the user's mail.
 */
public record UserCategory(UserId userId, Category name, String description, Instant createdAt, Instant updatedAt) {
  public static final int MAX_DESCRIPTION = 500;
  /** Categories one user may define besides the built-in ones. */
  public static final int MAX_PER_USER = 50;

  public UserCategory {
    Require.nonNull(userId, "user_id");
    Require.nonNull(name, "name");
    Require.that(!name.builtIn(), "name", "name: \"" + name.name() + "\" is a built-in category");
    description = cleanDescription(description);
    Require.nonNull(createdAt, "created_at");
    Require.nonNull(updatedAt, "updated_at");
  }

  /**
   * A new category. {@code name} is parsed as a {@link Category} name (trimmed, lower case); a malformed one is a
   * validation error naming {@code name}.
   */
  public static UserCategory create(UserId owner, String name, String description, Instant now) {
    Require.notBlank(name, "name");
    Category parsed;
    try {
      parsed = new Category(name);
    } catch (DomainValidationException e) {
      throw new DomainValidationException("name", e.getMessage().replace("category", "name"));
    }
    return new UserCategory(owner, parsed, description, now, now);
  }

  public UserCategory describe(String newDescription, Instant now) {
    return new UserCategory(userId, name, newDescription, createdAt, now);
  }

  /**
   * Trimmed; required, at most {@link #MAX_DESCRIPTION} characters, and free of control characters other than line
   * breaks and tabs and of bidirectional overrides (it is shown to the language model and in the API's answers).
   */
  private static String cleanDescription(String description) {
    Require.notBlank(description, "description");
    String trimmed = description.strip();
    Require.maxLength(trimmed, MAX_DESCRIPTION, "description");
    boolean printable = trimmed.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
        && c != '\n' && c != '\r' && c != '\t' || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069);
    Require.that(printable, "description", "description must not hold control characters or direction overrides");
    return trimmed;
  }
}
