package dev.va.adapter.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Statements on {@code auto_reply_outbox}, in OutboxMapper.xml. Each state change is one conditional UPDATE. */
interface OutboxMapper {
  /** @return 0 when the rule already has an auto-reply for the message, or the draft an entry */
  int insertIfAbsent(OutboxEntryRow row);

  OutboxEntryRow findById(UUID userId, UUID id);

  OutboxEntryRow findAutoReply(UUID userId, UUID ruleId, UUID messageId);

  OutboxEntryRow findByDraft(UUID userId, UUID draftId);

  boolean hasAutoReply(UUID userId, UUID messageId);

  /** PENDING to SENDING; the claimed row, or null when it was not PENDING. */
  OutboxEntryRow claim(UUID id, Instant leaseUntil, Instant now);

  int markSent(UUID id, int attempt, String messageIdHeader, Instant now);

  int markFailed(UUID id, int attempt, String reason, Instant now);

  int markUncertain(UUID id, String reason, Instant now);

  OutboxEntryRow requeue(UUID userId, UUID id, Instant now);

  List<LastReplyRow> lastAutoReplies(UUID userId, Instant since);

  List<OutboxEntryRow> list(UUID userId, String status, Instant cursorAt, UUID cursorId, int fetchSize);

  int lockRecipient(String key);

  int countRepliedSince(UUID userId, UUID ruleId,
      String recipient, Instant since);
}
