package dev.va.adapter.persistence;

import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.reply.DraftSource;
import dev.va.domain.reply.DraftStatus;
import dev.va.domain.reply.OutboxEntryId;
import dev.va.domain.reply.ReplyDraft;
import dev.va.domain.reply.ReplyDraftId;
import dev.va.domain.reply.ReplyMessage;
import dev.va.domain.reply.ReplyTemplateId;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A row of {@code reply_drafts}: the reply flattened into columns, its references as a JSON list. */
record ReplyDraftRow(
    UUID id,
    UUID userId,
    UUID messageId,
    UUID accountId,
    UUID ruleId,
    int ruleVersion,
    UUID templateId,
    String source,
    String note,
    String recipient,
    String subject,
    String body,
    String inReplyTo,
    String referenceIds,
    String status,
    UUID outboxId,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  static ReplyDraftRow of(ReplyDraft d) {
    ReplyMessage r = d.reply();
    return new ReplyDraftRow(d.id().value(), d.userId().value(), d.messageId().value(), d.accountId().value(),
        d.ruleId().value(), d.ruleVersion(), d.templateId() == null ? null : d.templateId().value(),
        d.source().name().toLowerCase(Locale.ROOT), d.note(), r.recipient(), r.subject(), r.body(), r.inReplyTo(),
        Json.write(r.references()), d.status().name().toLowerCase(Locale.ROOT),
        d.outboxId() == null ? null : d.outboxId().value(), d.version(), d.createdAt(), d.updatedAt());
  }

  ReplyDraft toDomain() {
    return new ReplyDraft(new ReplyDraftId(id), new UserId(userId), new EmailMessageId(messageId),
        new EmailAccountId(accountId), new AutoReplyRuleId(ruleId), ruleVersion,
        templateId == null ? null : new ReplyTemplateId(templateId),
        DraftSource.valueOf(source.toUpperCase(Locale.ROOT)), note,
        new ReplyMessage(recipient, subject, body, inReplyTo, Json.strings(referenceIds)),
        DraftStatus.valueOf(status.toUpperCase(Locale.ROOT)), outboxId == null ? null : new OutboxEntryId(outboxId),
        version, createdAt, updatedAt);
  }
}
