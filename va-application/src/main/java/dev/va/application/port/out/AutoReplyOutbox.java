package dev.va.application.port.out;

import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.OutboxEntryId;
import dev.va.domain.reply.OutboxStatus;
import dev.va.domain.reply.ReplyDraftId;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Replies to send, sent, or suppressed: at most one auto-reply per rule and message and one entry per draft, so
 * repeating the work that schedules a reply adds nothing. Sending is a compare-and-set on the status: a worker
 * {@link #claim}s a PENDING entry (one worker wins), sends, then records the outcome, fenced by the claim's attempt
 * number. An entry left SENDING past its lease is never claimed again: it becomes UNCERTAIN.
 */
public interface AutoReplyOutbox {
  /** When a rule last auto-replied (or tried to) to an address, lower-case. */
  record LastReply(AutoReplyRuleId rule, String recipient, Instant at) {}

  /**
   * Stores the entry unless its rule already has an auto-reply entry for its message (auto-replies) or its draft
   * already has one (drafts); true when stored.
   */
  boolean insertIfAbsent(OutboxEntry entry);

  /**
   * Inserts a pending auto-reply unless its rule already replied to the same recipient (case-insensitively; pending,
   * in flight, sent or of unknown fate) since {@code since}, as one atomic step even across processes, so two
   * messages of one sender triaged at the same moment get one reply. False when it inserted nothing, for that reason
   * or because the rule already has an entry for the message.
   */
  boolean insertUnlessRepliedSince(OutboxEntry entry, Instant since);

  Optional<OutboxEntry> findById(UserId owner, OutboxEntryId id);

  Optional<OutboxEntry> findAutoReply(UserId owner, AutoReplyRuleId rule, EmailMessageId message);

  Optional<OutboxEntry> findByDraft(UserId owner, ReplyDraftId draft);

  /** Whether any rule's auto-reply to the message is pending, in flight, sent or of unknown fate. */
  boolean hasAutoReply(UserId owner, EmailMessageId message);

  /**
   * PENDING to SENDING in one atomic step, counting one more attempt, leased until {@code leaseUntil}. Empty when
   * the entry is not PENDING (another worker claimed it, or it is settled).
   */
  Optional<OutboxEntry> claim(OutboxEntryId id, Instant leaseUntil, Instant now);

  /**
   * Records the send of claim {@code attempt}: SENDING (or UNCERTAIN, when the lease ran out meanwhile) to SENT,
   * with the Message-ID the provider reports. False when a later claim or another outcome got there first.
   */
  boolean markSent(OutboxEntryId id, int attempt, String sentMessageId, Instant now);

  /** SENDING to FAILED for claim {@code attempt}; false when the entry moved on. */
  boolean markFailed(OutboxEntryId id, int attempt, String reason, Instant now);

  /** SENDING whose lease ended at or before {@code now} to UNCERTAIN; false otherwise. */
  boolean markUncertain(OutboxEntryId id, String reason, Instant now);

  /** UNCERTAIN or FAILED back to PENDING, because the user asked to send it again; empty when not in those. */
  Optional<OutboxEntry> requeue(UserId owner, OutboxEntryId id, Instant now);

  /**
   * Per rule and recipient, the latest auto-reply since {@code since}: sent ones at their send time; pending, in
   * flight and uncertain ones at their creation (they may go out, or have).
   */
  List<LastReply> lastAutoReplies(UserId owner, Instant since);

  /** Newest first (creation time, then id); {@code status} null lists every entry. */
  Page<OutboxEntry> list(UserId owner, OutboxStatus status, PageRequest page);
}
