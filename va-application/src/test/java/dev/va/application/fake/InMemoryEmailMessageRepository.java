package dev.va.application.fake;

import dev.va.application.port.out.AppliedRule;
import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.MessageQuery;
import dev.va.application.port.out.Page;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.mail.Triage;
import dev.va.domain.user.UserId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Messages in memory. */
public final class InMemoryEmailMessageRepository implements EmailMessageRepository, OwnedByUser {
  private final Map<EmailMessageId, EmailMessage> messages = new LinkedHashMap<>();
  private final Map<EmailMessageId, List<AppliedRule>> applied = new LinkedHashMap<>();

  @Override
  public synchronized boolean insertIfAbsent(EmailMessage message) {
    if (findByProviderId(message.accountId(), message.providerMessageId()).isPresent()) return false;
    if (messages.containsKey(message.id())) throw new DuplicateException("id", "message id is taken");
    messages.put(message.id(), message);
    return true;
  }

  @Override
  public synchronized void update(EmailMessage message) {
    if (findById(message.userId(), message.id()).isPresent()) messages.put(message.id(), message);
  }

  @Override
  public synchronized Optional<EmailMessage> findById(UserId owner, EmailMessageId id) {
    return Optional.ofNullable(messages.get(id)).filter(message -> message.userId().equals(owner));
  }

  @Override
  public synchronized Optional<EmailMessage> findForSystem(EmailMessageId id) {
    return Optional.ofNullable(messages.get(id));
  }

  @Override
  public synchronized void saveTriage(EmailMessage message, List<AppliedRule> rules) {
    Optional<EmailMessage> stored = findById(message.userId(), message.id());
    if (stored.isEmpty()) return;
    Triage t = message.triage();
    Triage kept = new Triage(t.category(), t.confidence(), t.needsReply(), t.flagged(),
        stored.get().triage().autoReplySent(), t.processed(), t.processedAt(), t.reasons());
    messages.put(message.id(), stored.get().withTriage(kept, message.updatedAt()));
    applied.put(message.id(), List.copyOf(rules));
  }

  @Override
  public synchronized List<AppliedRule> ruleApplications(UserId owner, EmailMessageId id) {
    return findById(owner, id).map(m -> applied.getOrDefault(id, List.of())).orElse(List.of());
  }

  @Override
  public synchronized void markAutoReplySent(UserId owner, EmailMessageId id) {
    findById(owner, id).ifPresent(m -> messages.put(id, m.withTriage(m.triage().withAutoReplySent(), m.updatedAt())));
  }

  @Override
  public synchronized Optional<EmailMessage> findByProviderId(EmailAccountId account, String providerMessageId) {
    return messages.values().stream()
        .filter(m -> m.accountId().equals(account) && m.providerMessageId().equals(providerMessageId))
        .findFirst();
  }

  @Override
  public synchronized Page<EmailMessage> list(MessageQuery query) {
    var rows = messages.values().stream()
        .filter(m -> matches(m, query))
        .sorted(InMemoryPaging.newestFirst(EmailMessage::receivedAt, m -> m.id().value()))
        .toList();
    return InMemoryPaging.page(rows, query.page(), EmailMessage::receivedAt, m -> m.id().value());
  }

  @Override
  public synchronized void deleteOwnedBy(UserId owner) {
    messages.values().removeIf(message -> message.userId().equals(owner));
    applied.keySet().retainAll(messages.keySet());
  }

  synchronized void deleteOfAccount(EmailAccountId account) {
    messages.values().removeIf(message -> message.accountId().equals(account));
    applied.keySet().retainAll(messages.keySet());
  }

  private static boolean matches(EmailMessage m, MessageQuery q) {
    return m.userId().equals(q.owner())
        && (q.account() == null || m.accountId().equals(q.account()))
        && (q.category() == null || q.category().equals(m.triage().category()))
        && (q.flagged() == null || m.triage().flagged() == q.flagged())
        && (q.processed() == null || m.triage().processed() == q.processed())
        && (q.receivedFrom() == null || !m.receivedAt().isBefore(q.receivedFrom()))
        && (q.receivedBefore() == null || m.receivedAt().isBefore(q.receivedBefore()))
        && (q.text() == null || contains(m.subject(), q.text()) || contains(m.from(), q.text()));
  }

  private static boolean contains(String value, String text) {
    return value != null && value.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
  }
}
