package dev.va.application.port.in;

import dev.va.application.RequestMeta;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.reply.DraftStatus;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.ReplyDraft;
import dev.va.domain.reply.ReplyDraftId;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;

/**
 * Reply drafts rules prepared: list, read, edit, approve (which sends the draft, once, through the outbox) and
 * reject (which never sends it). Acting on a draft that is no longer pending, or against a stale version, is a
 * {@code ConflictException}; another user's draft is not found.
 */
public interface DraftUseCases {
  /** New text; null keeps the subject or body. {@code expectedVersion} null: whatever is stored now. */
  record EditDraftCommand(UserId user, ReplyDraftId draft, Integer expectedVersion, String subject, String body,
      RequestMeta meta) {
    public EditDraftCommand {
      Require.nonNull(user, "user");
      Require.nonNull(draft, "draft");
    }
  }

  /** A draft and, once approved, the outbox entry that sends it. */
  record DraftState(ReplyDraft draft, OutboxEntry outbox) {
    public DraftState {
      Require.nonNull(draft, "draft");
    }
  }

  /** Newest first; {@code status} null lists every draft. */
  interface ListDrafts {
    Page<ReplyDraft> list(UserId user, DraftStatus status, PageRequest page);
  }

  interface GetDraft {
    DraftState get(UserId user, ReplyDraftId draft);
  }

  interface EditDraft {
    ReplyDraft edit(EditDraftCommand command);
  }

  /** Approves and queues the send; approving an approved draft again sends nothing more. */
  interface ApproveDraft {
    DraftState approve(UserId user, ReplyDraftId draft, Integer expectedVersion, RequestMeta meta);
  }

  /** Rejecting a rejected draft again changes nothing. */
  interface RejectDraft {
    ReplyDraft reject(UserId user, ReplyDraftId draft, Integer expectedVersion, RequestMeta meta);
  }
}
