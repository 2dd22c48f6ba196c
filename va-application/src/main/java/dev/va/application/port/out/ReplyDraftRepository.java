package dev.va.application.port.out;

import dev.va.domain.reply.DraftStatus;
import dev.va.domain.reply.ReplyDraft;
import dev.va.domain.reply.ReplyDraftId;
import dev.va.domain.user.UserId;
import java.util.Optional;

/** Reply drafts awaiting (or past) the user's decision; at most one per rule and message. */
public interface ReplyDraftRepository {
  /** Stores the draft unless one exists for its rule and message; false when one did. */
  boolean insertIfAbsent(ReplyDraft draft);

  /**
   * Stores a new version. Optimistic: succeeds only if the stored version is {@code draft.version() - 1}, so
   * approving, rejecting and editing at the same time leaves exactly one of them applied.
   *
   * @return false when the draft is gone or was changed meanwhile
   */
  boolean update(ReplyDraft draft);

  Optional<ReplyDraft> findById(UserId owner, ReplyDraftId id);

  /** Newest first (creation time, then id); {@code status} null lists every draft. */
  Page<ReplyDraft> list(UserId owner, DraftStatus status, PageRequest page);
}
