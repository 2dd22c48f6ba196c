package dev.va.domain.reply;

import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.Locale;

/**
 * A reply a rule prepared for the user: nothing is sent until the user approves it, and then exactly once, through
 * the outbox entry {@code outboxId} names. {@code source} says where its first text came from, and {@code note}
 * (optional) why it is not what the rule asked for, e.g. a language model that gave no draft. A placeholder draft
 * holds {@link #PLACEHOLDER} text, which must be replaced before it can be approved (as must the placeholder
 * wherever it appears). Every change bumps {@code version}.
 */
public record ReplyDraft(
    ReplyDraftId id,
    UserId userId,
    EmailMessageId messageId,
    EmailAccountId accountId,
    AutoReplyRuleId ruleId,
    int ruleVersion,
    ReplyTemplateId templateId,
    DraftSource source,
    String note,
    ReplyMessage reply,
    DraftStatus status,
    OutboxEntryId outboxId,
    int version,
    Instant createdAt,
    Instant updatedAt) {

  /** Marks text the user still has to write. */
  public static final String PLACEHOLDER = "[write your reply here]";
  public static final int MAX_NOTE = 500;

  public ReplyDraft {
    Require.nonNull(id, "id");
    Require.nonNull(userId, "user_id");
    Require.nonNull(messageId, "message_id");
    Require.nonNull(accountId, "account_id");
    Require.nonNull(ruleId, "rule_id");
    Require.that(ruleVersion >= 1, "rule_version", "rule_version starts at 1");
    Require.nonNull(source, "source");
    Require.maxLength(note, MAX_NOTE, "note");
    Require.nonNull(reply, "reply");
    Require.nonNull(status, "status");
    Require.that((status == DraftStatus.APPROVED) == (outboxId != null), "outbox_id",
        "an approved draft, and only one, names its outbox entry");
    Require.that(version >= 1, "version", "version starts at 1");
    Require.nonNull(createdAt, "created_at");
    Require.nonNull(updatedAt, "updated_at");
  }

  public static ReplyDraft create(UserId owner, EmailMessageId message, EmailAccountId account, AutoReplyRuleId rule,
      int ruleVersion, ReplyTemplateId template, DraftSource source, String note, ReplyMessage reply, Instant now) {
    return new ReplyDraft(ReplyDraftId.random(), owner, message, account, rule, ruleVersion, template, source, note,
        reply, DraftStatus.PENDING, null, 1, now, now);
  }

  public boolean holdsPlaceholder() {
    return reply.body().contains(PLACEHOLDER) || reply.subject().contains(PLACEHOLDER);
  }

  /** New text, while the draft waits. */
  public ReplyDraft edit(String subject, String body, Instant now) {
    requirePending();
    return new ReplyDraft(id, userId, messageId, accountId, ruleId, ruleVersion, templateId, source, note,
        reply.withText(subject, body), status, outboxId, version + 1, createdAt, now);
  }

  /** Approved as it reads now, to be sent through the outbox entry {@code outbox}. */
  public ReplyDraft approve(OutboxEntryId outbox, Instant now) {
    requirePending();
    Require.that(!holdsPlaceholder(), "body", "the draft still holds the placeholder " + PLACEHOLDER
        + ": write the reply first");
    return new ReplyDraft(id, userId, messageId, accountId, ruleId, ruleVersion, templateId, source, note, reply,
        DraftStatus.APPROVED, outbox, version + 1, createdAt, now);
  }

  public ReplyDraft reject(Instant now) {
    requirePending();
    return new ReplyDraft(id, userId, messageId, accountId, ruleId, ruleVersion, templateId, source, note, reply,
        DraftStatus.REJECTED, null, version + 1, createdAt, now);
  }

  private void requirePending() {
    if (status != DraftStatus.PENDING) {
      throw new IllegalStateException("the draft is " + status.name().toLowerCase(Locale.ROOT));
    }
  }
}
