package dev.va.domain.schedule;

import dev.va.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

/** Typed identifier: a {@link UUID} that cannot be mistaken for another kind of id. */
public record ScheduledTaskId(UUID value) {
  public ScheduledTaskId {
    Objects.requireNonNull(value, "value");
  }

  public static ScheduledTaskId random() {
    return new ScheduledTaskId(UUID.randomUUID());
  }

  public static ScheduledTaskId parse(String text, String field) {
    return new ScheduledTaskId(Ids.uuid(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
