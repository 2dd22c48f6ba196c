package dev.va.adapter.persistence;

import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code auto_reply_rules}. */
record AutoReplyRuleRow(
    UUID id,
    UUID userId,
    String name,
    int priority,
    boolean enabled,
    int version,
    String document,
    Instant createdAt,
    Instant updatedAt) {

  static AutoReplyRuleRow of(AutoReplyRule r) {
    return new AutoReplyRuleRow(r.id().value(), r.userId().value(), r.name(), r.priority(), r.enabled(),
        r.version(), r.document(), r.createdAt(), r.updatedAt());
  }

  AutoReplyRule toDomain() {
    return new AutoReplyRule(new AutoReplyRuleId(id), new UserId(userId), name, priority, enabled, version,
        document, createdAt, updatedAt);
  }
}
