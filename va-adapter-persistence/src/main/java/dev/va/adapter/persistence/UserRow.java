package dev.va.adapter.persistence;

import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code users}. */
record UserRow(UUID id, String email, String username, String passwordHash, Instant createdAt, Instant updatedAt) {

  static UserRow of(User user) {
    return new UserRow(user.id().value(), user.email().value(), user.username(), user.passwordHash(),
        user.createdAt(), user.updatedAt());
  }

  User toDomain() {
    return new User(new UserId(id), EmailAddress.of(email), username, passwordHash, createdAt, updatedAt);
  }
}
