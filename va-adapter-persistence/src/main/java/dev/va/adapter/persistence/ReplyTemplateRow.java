package dev.va.adapter.persistence;

import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.reply.ReplyTemplateId;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code reply_templates}. */
record ReplyTemplateRow(
    UUID id,
    UUID userId,
    String name,
    String subject,
    String body,
    int version,
    Instant approvedAt,
    Instant createdAt,
    Instant updatedAt) {

  static ReplyTemplateRow of(ReplyTemplate t) {
    return new ReplyTemplateRow(t.id().value(), t.userId().value(), t.name(), t.subject(), t.body(), t.version(),
        t.approvedAt(), t.createdAt(), t.updatedAt());
  }

  ReplyTemplate toDomain() {
    return new ReplyTemplate(new ReplyTemplateId(id), new UserId(userId), name, subject, body, version, approvedAt,
        createdAt, updatedAt);
  }
}
