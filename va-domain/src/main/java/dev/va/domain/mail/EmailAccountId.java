package dev.va.domain.mail;

import dev.va.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

/** Typed identifier: a {@link UUID} that cannot be mistaken for another kind of id. */
public record EmailAccountId(UUID value) {
  public EmailAccountId {
    Objects.requireNonNull(value, "value");
  }

  public static EmailAccountId random() {
    return new EmailAccountId(UUID.randomUUID());
  }

  public static EmailAccountId parse(String text, String field) {
    return new EmailAccountId(Ids.uuid(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
