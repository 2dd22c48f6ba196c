package dev.va.application.fake;

import dev.va.application.port.out.AutoReplyOutbox;
import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.OutboxEntryId;
import dev.va.domain.reply.OutboxStatus;
import dev.va.domain.reply.ReplyDraftId;
import dev.va.domain.reply.ReplyKind;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The outbox in memory: every step under the object's monitor, so each compare-and-set is atomic. */
public final class InMemoryAutoReplyOutbox implements AutoReplyOutbox, OwnedByUser {
  private static final Set<OutboxStatus> MAY_HAVE_GONE =
      Set.of(OutboxStatus.PENDING, OutboxStatus.SENDING, OutboxStatus.SENT, OutboxStatus.UNCERTAIN);

  private final Map<OutboxEntryId, OutboxEntry> entries = new LinkedHashMap<>();

  @Override
  public synchronized boolean insertIfAbsent(OutboxEntry entry) {
    boolean taken = entries.values().stream().anyMatch(e -> entry.kind() == ReplyKind.AUTO_REPLY
        ? e.kind() == ReplyKind.AUTO_REPLY && e.ruleId().equals(entry.ruleId()) && e.messageId().equals(entry.messageId())
        : entry.draftId().equals(e.draftId()));
    if (taken) return false;
    if (entries.containsKey(entry.id())) throw new DuplicateException("id", "outbox entry id is taken");
    entries.put(entry.id(), entry);
    return true;
  }

  @Override
  public synchronized boolean insertUnlessRepliedSince(OutboxEntry entry, Instant since) {
    String recipient = entry.reply().recipient().toLowerCase(Locale.ROOT);
    boolean replied = lastAutoReplies(entry.userId(), since).stream()
        .anyMatch(r -> r.rule().equals(entry.ruleId()) && r.recipient().equals(recipient));
    return !replied && insertIfAbsent(entry);
  }

  @Override
  public synchronized Optional<OutboxEntry> findById(UserId owner, OutboxEntryId id) {
    return Optional.ofNullable(entries.get(id)).filter(e -> e.userId().equals(owner));
  }

  @Override
  public synchronized Optional<OutboxEntry> findAutoReply(UserId owner, AutoReplyRuleId rule,
      EmailMessageId message) {
    return entries.values().stream().filter(e -> e.userId().equals(owner) && e.kind() == ReplyKind.AUTO_REPLY
        && e.ruleId().equals(rule) && e.messageId().equals(message)).findFirst();
  }

  @Override
  public synchronized Optional<OutboxEntry> findByDraft(UserId owner, ReplyDraftId draft) {
    return entries.values().stream().filter(e -> e.userId().equals(owner) && draft.equals(e.draftId())).findFirst();
  }

  @Override
  public synchronized boolean hasAutoReply(UserId owner, EmailMessageId message) {
    return entries.values().stream().anyMatch(e -> e.userId().equals(owner) && e.kind() == ReplyKind.AUTO_REPLY
        && e.messageId().equals(message) && MAY_HAVE_GONE.contains(e.status()));
  }

  @Override
  public synchronized Optional<OutboxEntry> claim(OutboxEntryId id, Instant leaseUntil, Instant now) {
    OutboxEntry entry = entries.get(id);
    if (entry == null || entry.status() != OutboxStatus.PENDING) return Optional.empty();
    OutboxEntry claimed = entry.claimed(leaseUntil, now);
    entries.put(id, claimed);
    return Optional.of(claimed);
  }

  @Override
  public synchronized boolean markSent(OutboxEntryId id, int attempt, String sentMessageId, Instant now) {
    OutboxEntry entry = entries.get(id);
    if (entry == null || entry.attempts() != attempt
        || (entry.status() != OutboxStatus.SENDING && entry.status() != OutboxStatus.UNCERTAIN)) {
      return false;
    }
    entries.put(id, entry.sent(sentMessageId, now));
    return true;
  }

  @Override
  public synchronized boolean markFailed(OutboxEntryId id, int attempt, String reason, Instant now) {
    OutboxEntry entry = entries.get(id);
    if (entry == null || entry.attempts() != attempt || entry.status() != OutboxStatus.SENDING) return false;
    entries.put(id, entry.failed(reason, now));
    return true;
  }

  @Override
  public synchronized boolean markUncertain(OutboxEntryId id, String reason, Instant now) {
    OutboxEntry entry = entries.get(id);
    if (entry == null || !entry.leaseExpired(now)) return false;
    entries.put(id, entry.uncertain(reason, now));
    return true;
  }

  @Override
  public synchronized Optional<OutboxEntry> requeue(UserId owner, OutboxEntryId id, Instant now) {
    Optional<OutboxEntry> entry = findById(owner, id)
        .filter(e -> e.status() == OutboxStatus.UNCERTAIN || e.status() == OutboxStatus.FAILED);
    entry.ifPresent(e -> entries.put(id, e.requeued(now)));
    return entry.map(e -> entries.get(id));
  }

  @Override
  public synchronized List<LastReply> lastAutoReplies(UserId owner, Instant since) {
    Map<List<Object>, LastReply> latest = new LinkedHashMap<>();
    for (OutboxEntry e : entries.values()) {
      if (!e.userId().equals(owner) || e.kind() != ReplyKind.AUTO_REPLY || !MAY_HAVE_GONE.contains(e.status())) {
        continue;
      }
      Instant at = e.status() == OutboxStatus.SENT ? e.sentAt() : e.createdAt();
      if (at.isBefore(since)) continue;
      String recipient = e.reply().recipient().toLowerCase(Locale.ROOT);
      latest.merge(List.of(e.ruleId(), recipient), new LastReply(e.ruleId(), recipient, at),
          (a, b) -> a.at().isAfter(b.at()) ? a : b);
    }
    return new ArrayList<>(latest.values());
  }

  @Override
  public synchronized Page<OutboxEntry> list(UserId owner, OutboxStatus status, PageRequest page) {
    var rows = entries.values().stream()
        .filter(e -> e.userId().equals(owner) && (status == null || e.status() == status))
        .sorted(InMemoryPaging.newestFirst(OutboxEntry::createdAt, e -> e.id().value()))
        .toList();
    return InMemoryPaging.page(rows, page, OutboxEntry::createdAt, e -> e.id().value());
  }

  @Override
  public synchronized void deleteOwnedBy(UserId owner) {
    entries.values().removeIf(e -> e.userId().equals(owner));
  }
}
