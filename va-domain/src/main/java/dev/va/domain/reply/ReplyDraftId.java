package dev.va.domain.reply;

import dev.va.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

/** Typed identifier: a {@link UUID} that cannot be mistaken for another kind of id. */
public record ReplyDraftId(UUID value) {
  public ReplyDraftId {
    Objects.requireNonNull(value, "value");
  }

  public static ReplyDraftId random() {
    return new ReplyDraftId(UUID.randomUUID());
  }

  public static ReplyDraftId parse(String text, String field) {
    return new ReplyDraftId(Ids.uuid(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
