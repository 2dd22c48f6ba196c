package dev.va.domain.rule;

import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Instant;

/**
 * A user rule: a JSON document in va's rules language (conditions and actions, validated by the rules engine),
 * applied in {@code priority} order (lower first). Every change bumps {@code version} so each application can be
 * traced to the exact text that fired.
 */
public record AutoReplyRule(
    AutoReplyRuleId id,
    UserId userId,
    String name,
    int priority,
    boolean enabled,
    int version,
    String document,
    Instant createdAt,
    Instant updatedAt) {

  public static final int MAX_DOCUMENT_LENGTH = 64 * 1024;

  public AutoReplyRule {
    Require.nonNull(id, "id");
    Require.nonNull(userId, "user_id");
    Require.notBlank(name, "name");
    Require.maxLength(name, 200, "name");
    Require.range(priority, 0, 1_000_000, "priority");
    Require.that(version >= 1, "version", "version starts at 1");
    Require.notBlank(document, "document");
    Require.maxLength(document, MAX_DOCUMENT_LENGTH, "document");
    Require.nonNull(createdAt, "created_at");
    Require.nonNull(updatedAt, "updated_at");
  }

  public static AutoReplyRule create(UserId owner, String name, int priority, String document, Instant now) {
    return new AutoReplyRule(AutoReplyRuleId.random(), owner, name, priority, true, 1, document, now, now);
  }

  /** A new version of this rule. */
  public AutoReplyRule revise(String newName, int newPriority, boolean newEnabled, String newDocument, Instant now) {
    return new AutoReplyRule(id, userId, newName, newPriority, newEnabled, version + 1, newDocument, createdAt, now);
  }
}
