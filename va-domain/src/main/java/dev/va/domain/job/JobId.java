package dev.va.domain.job;

import dev.va.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

/** Typed identifier: a {@link UUID} that cannot be mistaken for another kind of id. */
public record JobId(UUID value) {
  public JobId {
    Objects.requireNonNull(value, "value");
  }

  public static JobId random() {
    return new JobId(UUID.randomUUID());
  }

  public static JobId parse(String text, String field) {
    return new JobId(Ids.uuid(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
