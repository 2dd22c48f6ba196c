package dev.va.adapter.persistence;

import dev.va.domain.mail.Category;
import dev.va.domain.mail.UserCategory;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code user_categories}. */
record UserCategoryRow(UUID userId, String name, String description, Instant createdAt, Instant updatedAt) {

  static UserCategoryRow of(UserCategory c) {
    return new UserCategoryRow(c.userId().value(), c.name().name(), c.description(), c.createdAt(), c.updatedAt());
  }

  UserCategory toDomain() {
    return new UserCategory(new UserId(userId), new Category(name), description, createdAt, updatedAt);
  }
}
