package dev.va.domain.reply;

import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Instant;

/**
 * One reply va sends, or decided not to send, for a message: an auto-reply of a rule (at most one per rule and
 * message) or an approved draft (one per draft). The Message-ID header is chosen before sending so the mail can be
 * recognised whatever happens to the worker. {@code attempts} counts claims and fences a worker's late update
 * against a later claim. A suppressed entry has no reply (a reason instead), only what it would have been
 * ({@code unsent}; null for entries recorded before that was kept).
 */
public record OutboxEntry(
    OutboxEntryId id,
    UserId userId,
    ReplyKind kind,
    AutoReplyRuleId ruleId,
    int ruleVersion,
    EmailMessageId messageId,
    ReplyDraftId draftId,
    ReplyTemplateId templateId,
    EmailAccountId accountId,
    ReplyMessage reply,
    UnsentReply unsent,
    String messageIdHeader,
    OutboxStatus status,
    String reason,
    int attempts,
    Instant leaseUntil,
    Instant sentAt,
    Instant createdAt,
    Instant updatedAt) {

  public static final int MAX_REASON = 1_000;

  public OutboxEntry {
    Require.nonNull(id, "id");
    Require.nonNull(userId, "user_id");
    Require.nonNull(kind, "kind");
    Require.nonNull(ruleId, "rule_id");
    Require.that(ruleVersion >= 1, "rule_version", "rule_version starts at 1");
    Require.nonNull(messageId, "message_id");
    Require.that((kind == ReplyKind.DRAFT) == (draftId != null), "draft_id", "a draft reply names its draft, "
        + "an auto-reply none");
    Require.that(kind == ReplyKind.DRAFT || templateId != null, "template_id", "an auto-reply names its template");
    Require.nonNull(accountId, "account_id");
    Require.nonNull(status, "status");
    Require.that(status == OutboxStatus.SUPPRESSED || (reply != null && messageIdHeader != null), "reply",
        "a reply to send needs its text and Message-ID");
    Require.that(unsent == null || (status == OutboxStatus.SUPPRESSED && reply == null), "unsent",
        "only a suppression without a reply records the reply it would have been");
    Require.maxLength(messageIdHeader, 998, "message_id_header");
    Require.that(status != OutboxStatus.SUPPRESSED || reason != null, "reason", "a suppression has a reason");
    reason = reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    Require.that(attempts >= 0, "attempts", "attempts must not be negative");
    Require.that(status != OutboxStatus.SENDING || leaseUntil != null, "lease_until", "a send in progress is leased");
    Require.that(status != OutboxStatus.SENT || sentAt != null, "sent_at", "a sent reply has its time");
    Require.nonNull(createdAt, "created_at");
    Require.nonNull(updatedAt, "updated_at");
  }

  /** A rule's auto-reply, waiting for its send job. */
  public static OutboxEntry autoReply(UserId owner, AutoReplyRuleId rule, int ruleVersion, EmailMessageId message,
      ReplyTemplateId template, EmailAccountId account, ReplyMessage reply, String messageIdHeader, Instant now) {
    return new OutboxEntry(OutboxEntryId.random(), owner, ReplyKind.AUTO_REPLY, rule, ruleVersion, message, null,
        template, account, reply, null, messageIdHeader, OutboxStatus.PENDING, null, 0, null, null, now, now);
  }

  /** A rule's auto-reply that will never go out, to whom and about what it would have been, and why. */
  public static OutboxEntry suppressed(UserId owner, AutoReplyRuleId rule, int ruleVersion, EmailMessageId message,
      ReplyTemplateId template, EmailAccountId account, UnsentReply unsent, String reason, Instant now) {
    return new OutboxEntry(OutboxEntryId.random(), owner, ReplyKind.AUTO_REPLY, rule, ruleVersion, message, null,
        template, account, null, unsent, null, OutboxStatus.SUPPRESSED, reason, 0, null, null, now, now);
  }

  /** An approved draft, waiting for its send job; its id was fixed when the draft was approved. */
  public static OutboxEntry draft(ReplyDraft draft, String messageIdHeader, Instant now) {
    Require.that(draft.status() == DraftStatus.APPROVED && draft.outboxId() != null, "status",
        "only an approved draft is sent");
    return new OutboxEntry(draft.outboxId(), draft.userId(), ReplyKind.DRAFT, draft.ruleId(), draft.ruleVersion(),
        draft.messageId(), draft.id(), draft.templateId(), draft.accountId(), draft.reply(), null, messageIdHeader,
        OutboxStatus.PENDING, null, 0, null, null, now, now);
  }

  /** Claimed by a worker until {@code until}; one more attempt. */
  public OutboxEntry claimed(Instant until, Instant now) {
    return with(OutboxStatus.SENDING, reason, attempts + 1, until, sentAt, messageIdHeader, now);
  }

  /** {@code sentMessageId}: the Message-ID the provider reports (it may have replaced ours). */
  public OutboxEntry sent(String sentMessageId, Instant now) {
    return with(OutboxStatus.SENT, null, attempts, null, now, sentMessageId == null ? messageIdHeader
        : sentMessageId, now);
  }

  public OutboxEntry failed(String why, Instant now) {
    return with(OutboxStatus.FAILED, why, attempts, null, sentAt, messageIdHeader, now);
  }

  public OutboxEntry uncertain(String why, Instant now) {
    return with(OutboxStatus.UNCERTAIN, why, attempts, leaseUntil, sentAt, messageIdHeader, now);
  }

  /** Back to PENDING because the user asked to send it again. */
  public OutboxEntry requeued(Instant now) {
    return with(OutboxStatus.PENDING, null, attempts, null, sentAt, messageIdHeader, now);
  }

  /** Whom the reply goes to, or would have gone to when suppressed; null when that is not known. */
  public String recipient() {
    return reply != null ? reply.recipient() : unsent != null ? unsent.recipient() : null;
  }

  /** The reply's subject, or the one it would have had when suppressed; null when that is not known. */
  public String subject() {
    return reply != null ? reply.subject() : unsent != null ? unsent.subject() : null;
  }

  /** The claim has run out: its worker is gone or stuck. */
  public boolean leaseExpired(Instant now) {
    return status == OutboxStatus.SENDING && !leaseUntil.isAfter(now);
  }

  private OutboxEntry with(OutboxStatus newStatus, String newReason, int newAttempts, Instant newLease,
      Instant newSentAt, String newMessageIdHeader, Instant now) {
    return new OutboxEntry(id, userId, kind, ruleId, ruleVersion, messageId, draftId, templateId, accountId, reply,
        unsent, newMessageIdHeader, newStatus, newReason, newAttempts, newLease, newSentAt, createdAt, now);
  }
}
