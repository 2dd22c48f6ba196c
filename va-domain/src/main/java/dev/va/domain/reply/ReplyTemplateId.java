package dev.va.domain.reply;

import dev.va.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

/** Typed identifier: a {@link UUID} that cannot be mistaken for another kind of id. */
public record ReplyTemplateId(UUID value) {
  public ReplyTemplateId {
    Objects.requireNonNull(value, "value");
  }

  public static ReplyTemplateId random() {
    return new ReplyTemplateId(UUID.randomUUID());
  }

  public static ReplyTemplateId parse(String text, String field) {
    return new ReplyTemplateId(Ids.uuid(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
