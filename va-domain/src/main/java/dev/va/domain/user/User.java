package dev.va.domain.user;

import dev.va.domain.shared.EmailAddress;
import dev.va.domain.shared.Require;
import java.time.Instant;
import java.util.regex.Pattern;

/** A person using va. The password is only ever held as an encoded hash (algorithm and parameters included). */
public record User(
    UserId id,
    EmailAddress email,
    String username,
    String passwordHash,
    Instant createdAt,
    Instant updatedAt) {

  private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._-]{3,64}$");

  public User {
    Require.nonNull(id, "id");
    Require.nonNull(email, "email");
    Require.notBlank(username, "username");
    Require.that(USERNAME.matcher(username).matches(), "username",
        "username must be 3 to 64 letters, digits, '.', '_' or '-'");
    Require.notBlank(passwordHash, "password_hash");
    Require.nonNull(createdAt, "created_at");
    Require.nonNull(updatedAt, "updated_at");
  }

  public static User register(EmailAddress email, String username, String passwordHash, Instant now) {
    return new User(UserId.random(), email, username, passwordHash, now, now);
  }

  public User withPasswordHash(String newHash, Instant now) {
    return new User(id, email, username, newHash, createdAt, now);
  }

  public User withEmail(EmailAddress newEmail, Instant now) {
    return new User(id, newEmail, username, passwordHash, createdAt, now);
  }
}
