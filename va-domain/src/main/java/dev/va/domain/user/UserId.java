package dev.va.domain.user;

import dev.va.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

/** Typed identifier: a {@link UUID} that cannot be mistaken for another kind of id. */
public record UserId(UUID value) {
  public UserId {
    Objects.requireNonNull(value, "value");
  }

  public static UserId random() {
    return new UserId(UUID.randomUUID());
  }

  public static UserId parse(String text, String field) {
    return new UserId(Ids.uuid(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
