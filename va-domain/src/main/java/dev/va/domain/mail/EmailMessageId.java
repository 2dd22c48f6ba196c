package dev.va.domain.mail;

import dev.va.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

/** Typed identifier: a {@link UUID} that cannot be mistaken for another kind of id. */
public record EmailMessageId(UUID value) {
  public EmailMessageId {
    Objects.requireNonNull(value, "value");
  }

  public static EmailMessageId random() {
    return new EmailMessageId(UUID.randomUUID());
  }

  public static EmailMessageId parse(String text, String field) {
    return new EmailMessageId(Ids.uuid(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
