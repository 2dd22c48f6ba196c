package dev.va.domain.reply;

import dev.va.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

/** Typed identifier: a {@link UUID} that cannot be mistaken for another kind of id. */
public record OutboxEntryId(UUID value) {
  public OutboxEntryId {
    Objects.requireNonNull(value, "value");
  }

  public static OutboxEntryId random() {
    return new OutboxEntryId(UUID.randomUUID());
  }

  public static OutboxEntryId parse(String text, String field) {
    return new OutboxEntryId(Ids.uuid(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
