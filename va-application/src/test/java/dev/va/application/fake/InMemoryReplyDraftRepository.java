package dev.va.application.fake;

import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.application.port.out.ReplyDraftRepository;
import dev.va.domain.reply.DraftStatus;
import dev.va.domain.reply.ReplyDraft;
import dev.va.domain.reply.ReplyDraftId;
import dev.va.domain.user.UserId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reply drafts in memory, one per rule and message, versioned as in the database. */
public final class InMemoryReplyDraftRepository implements ReplyDraftRepository, OwnedByUser {
  private final Map<ReplyDraftId, ReplyDraft> drafts = new LinkedHashMap<>();

  @Override
  public synchronized boolean insertIfAbsent(ReplyDraft draft) {
    boolean taken = drafts.values().stream()
        .anyMatch(d -> d.ruleId().equals(draft.ruleId()) && d.messageId().equals(draft.messageId()));
    if (taken) return false;
    if (drafts.containsKey(draft.id())) throw new DuplicateException("id", "draft id is taken");
    drafts.put(draft.id(), draft);
    return true;
  }

  @Override
  public synchronized boolean update(ReplyDraft draft) {
    Optional<ReplyDraft> stored = findById(draft.userId(), draft.id());
    if (stored.isEmpty() || stored.get().version() != draft.version() - 1) return false;
    drafts.put(draft.id(), draft);
    return true;
  }

  @Override
  public synchronized Optional<ReplyDraft> findById(UserId owner, ReplyDraftId id) {
    return Optional.ofNullable(drafts.get(id)).filter(d -> d.userId().equals(owner));
  }

  @Override
  public synchronized Page<ReplyDraft> list(UserId owner, DraftStatus status, PageRequest page) {
    var rows = drafts.values().stream()
        .filter(d -> d.userId().equals(owner) && (status == null || d.status() == status))
        .sorted(InMemoryPaging.newestFirst(ReplyDraft::createdAt, d -> d.id().value()))
        .toList();
    return InMemoryPaging.page(rows, page, ReplyDraft::createdAt, d -> d.id().value());
  }

  @Override
  public synchronized void deleteOwnedBy(UserId owner) {
    drafts.values().removeIf(d -> d.userId().equals(owner));
  }
}
