package dev.va.adapter.persistence;

import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.OutboxEntryId;
import dev.va.domain.reply.OutboxStatus;
import dev.va.domain.reply.ReplyDraftId;
import dev.va.domain.reply.ReplyKind;
import dev.va.domain.reply.ReplyMessage;
import dev.va.domain.reply.ReplyTemplateId;
import dev.va.domain.reply.UnsentReply;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A row of {@code auto_reply_outbox}: the reply flattened into columns. A suppression has no body, only the recipient
 * (if any) and subject it would have had; one stored before those were kept has neither.
 */
record OutboxEntryRow(
    UUID id,
    UUID userId,
    String kind,
    UUID ruleId,
    int ruleVersion,
    UUID messageId,
    UUID draftId,
    UUID templateId,
    UUID accountId,
    String recipient,
    String subject,
    String body,
    String inReplyTo,
    String referenceIds,
    String messageIdHeader,
    String status,
    String reason,
    int attempts,
    Instant leaseUntil,
    Instant sentAt,
    Instant createdAt,
    Instant updatedAt) {

  static OutboxEntryRow of(OutboxEntry e) {
    ReplyMessage r = e.reply();
    return new OutboxEntryRow(e.id().value(), e.userId().value(), e.kind().name().toLowerCase(Locale.ROOT),
        e.ruleId().value(), e.ruleVersion(), e.messageId().value(), e.draftId() == null ? null : e.draftId().value(),
        e.templateId() == null ? null : e.templateId().value(), e.accountId().value(),
        e.recipient(), e.subject(), r == null ? null : r.body(), r == null ? null : r.inReplyTo(),
        r == null ? null : Json.write(r.references()), e.messageIdHeader(),
        status(e.status()), e.reason(), e.attempts(), e.leaseUntil(), e.sentAt(), e.createdAt(), e.updatedAt());
  }

  static String status(OutboxStatus status) {
    return status == null ? null : status.name().toLowerCase(Locale.ROOT);
  }

  OutboxEntry toDomain() {
    ReplyMessage reply = body == null ? null
        : new ReplyMessage(recipient, subject, body, inReplyTo, Json.strings(referenceIds));
    UnsentReply unsent = body == null && subject != null ? new UnsentReply(recipient, subject) : null;
    return new OutboxEntry(new OutboxEntryId(id), new UserId(userId), ReplyKind.valueOf(kind.toUpperCase(Locale.ROOT)),
        new AutoReplyRuleId(ruleId), ruleVersion, new EmailMessageId(messageId),
        draftId == null ? null : new ReplyDraftId(draftId), templateId == null ? null : new ReplyTemplateId(templateId),
        new EmailAccountId(accountId), reply, unsent, messageIdHeader,
        OutboxStatus.valueOf(status.toUpperCase(Locale.ROOT)), reason, attempts, leaseUntil, sentAt, createdAt,
        updatedAt);
  }
}
