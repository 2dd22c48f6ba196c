package dev.va.domain.rule;

import dev.va.domain.shared.Ids;
import java.util.Objects;
import java.util.UUID;

/** Typed identifier: a {@link UUID} that cannot be mistaken for another kind of id. */
public record AutoReplyRuleId(UUID value) {
  public AutoReplyRuleId {
    Objects.requireNonNull(value, "value");
  }

  public static AutoReplyRuleId random() {
    return new AutoReplyRuleId(UUID.randomUUID());
  }

  public static AutoReplyRuleId parse(String text, String field) {
    return new AutoReplyRuleId(Ids.uuid(text, field));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
