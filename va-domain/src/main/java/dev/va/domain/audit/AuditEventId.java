package dev.va.domain.audit;

import dev.va.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

/** Typed identifier: a {@link UUID} that cannot be mistaken for another kind of id. */
public record AuditEventId(UUID value) {
  public AuditEventId {
    Objects.requireNonNull(value, "value");
  }

  public static AuditEventId random() {
    return new AuditEventId(UUID.randomUUID());
  }

  public static AuditEventId parse(String text, String field) {
    return new AuditEventId(Ids.uuid(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
