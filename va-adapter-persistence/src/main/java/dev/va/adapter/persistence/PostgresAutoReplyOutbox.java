package dev.va.adapter.persistence;

import dev.va.application.port.out.AutoReplyOutbox;
import dev.va.application.port.out.Cursor;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
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
 * The outbox in PostgreSQL. Uniqueness comes from the indexes of {@code auto_reply_outbox} (one auto-reply per rule
 * and message, one entry per draft); every state change is a single conditional UPDATE, so under concurrent workers
 * exactly one compare-and-set succeeds.
 */
public final class PostgresAutoReplyOutbox implements AutoReplyOutbox {
  private final Database database;

  public PostgresAutoReplyOutbox(Database database) {
    this.database = database;
  }

  @Override
  public boolean insertIfAbsent(OutboxEntry entry) {
    return database.call(OutboxMapper.class, mapper -> mapper.insertIfAbsent(OutboxEntryRow.of(entry))) > 0;
  }

  @Override
  public boolean insertUnlessRepliedSince(OutboxEntry entry, Instant since) {
    OutboxEntryRow row = OutboxEntryRow.of(entry);
    // the advisory lock, held to the end of the transaction, orders every decision for one rule and recipient
    return database.commitIf(session -> {
      OutboxMapper mapper = session.getMapper(OutboxMapper.class);
      mapper.lockRecipient(entry.ruleId().value() + "|" + row.recipient().toLowerCase(java.util.Locale.ROOT));
      return mapper.countRepliedSince(row.userId(), row.ruleId(), row.recipient(), since) == 0
          && mapper.insertIfAbsent(row) > 0;
    });
  }

  @Override
  public Optional<OutboxEntry> findById(UserId owner, OutboxEntryId id) {
    return entry(database.call(OutboxMapper.class, mapper -> mapper.findById(owner.value(), id.value())));
  }

  @Override
  public Optional<OutboxEntry> findAutoReply(UserId owner, AutoReplyRuleId rule, EmailMessageId message) {
    return entry(database.call(OutboxMapper.class,
        mapper -> mapper.findAutoReply(owner.value(), rule.value(), message.value())));
  }

  @Override
  public Optional<OutboxEntry> findByDraft(UserId owner, ReplyDraftId draft) {
    return entry(database.call(OutboxMapper.class, mapper -> mapper.findByDraft(owner.value(), draft.value())));
  }

  @Override
  public boolean hasAutoReply(UserId owner, EmailMessageId message) {
    return database.call(OutboxMapper.class, mapper -> mapper.hasAutoReply(owner.value(), message.value()));
  }

  @Override
  public Optional<OutboxEntry> claim(OutboxEntryId id, Instant leaseUntil, Instant now) {
    return entry(database.call(OutboxMapper.class, mapper -> mapper.claim(id.value(), leaseUntil, now)));
  }

  @Override
  public boolean markSent(OutboxEntryId id, int attempt, String sentMessageId, Instant now) {
    return database.call(OutboxMapper.class, mapper -> mapper.markSent(id.value(), attempt, sentMessageId, now)) > 0;
  }

  @Override
  public boolean markFailed(OutboxEntryId id, int attempt, String reason, Instant now) {
    return database.call(OutboxMapper.class, mapper -> mapper.markFailed(id.value(), attempt, reason(reason), now))
        > 0;
  }

  @Override
  public boolean markUncertain(OutboxEntryId id, String reason, Instant now) {
    return database.call(OutboxMapper.class, mapper -> mapper.markUncertain(id.value(), reason(reason), now)) > 0;
  }

  @Override
  public Optional<OutboxEntry> requeue(UserId owner, OutboxEntryId id, Instant now) {
    return entry(database.call(OutboxMapper.class, mapper -> mapper.requeue(owner.value(), id.value(), now)));
  }

  @Override
  public List<LastReply> lastAutoReplies(UserId owner, Instant since) {
    return database.call(OutboxMapper.class, mapper -> mapper.lastAutoReplies(owner.value(), since)).stream()
        .map(row -> new LastReply(new AutoReplyRuleId(row.ruleId()), row.recipient(), row.at())).toList();
  }

  @Override
  public Page<OutboxEntry> list(UserId owner, OutboxStatus status, PageRequest page) {
    Cursor after = Pages.after(page);
    var rows = database.call(OutboxMapper.class, mapper -> mapper.list(owner.value(), OutboxEntryRow.status(status),
        after == null ? null : after.at(), after == null ? null : after.id(), Pages.fetchSize(page)));
    return Pages.of(rows, page, OutboxEntryRow::createdAt, OutboxEntryRow::id, OutboxEntryRow::toDomain);
  }

  private static Optional<OutboxEntry> entry(OutboxEntryRow row) {
    return Optional.ofNullable(row).map(OutboxEntryRow::toDomain);
  }

  /** The column holds what the model keeps: the first {@link OutboxEntry#MAX_REASON} characters. */
  private static String reason(String reason) {
    return reason == null || reason.length() <= OutboxEntry.MAX_REASON ? reason
        : reason.substring(0, OutboxEntry.MAX_REASON);
  }
}
