package dev.va.application.reply;

import dev.va.application.ConflictException;
import dev.va.application.NotFoundException;
import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.port.in.AutoReplyUseCases.CreateDraft;
import dev.va.application.port.in.DraftUseCases.ApproveDraft;
import dev.va.application.port.in.DraftUseCases.DraftState;
import dev.va.application.port.in.DraftUseCases.EditDraft;
import dev.va.application.port.in.DraftUseCases.EditDraftCommand;
import dev.va.application.port.in.DraftUseCases.GetDraft;
import dev.va.application.port.in.DraftUseCases.ListDrafts;
import dev.va.application.port.in.DraftUseCases.RejectDraft;
import dev.va.application.port.out.AutoReplyOutbox;
import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.application.port.out.ReplyDraftRepository;
import dev.va.application.port.out.ReplyTemplateRepository;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.reply.DraftStatus;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.OutboxEntryId;
import dev.va.domain.reply.OutboxStatus;
import dev.va.domain.reply.ReplyDraft;
import dev.va.domain.reply.ReplyDraftId;
import dev.va.domain.reply.ReplyMessage;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.reply.ReplyTemplateId;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reply drafts: written from a template (or as a placeholder for the user to fill in; a draft written by a language
 * model can come later), edited, then approved or rejected by the user. Approval stores the draft APPROVED with the
 * id of its outbox entry first, then that entry (one per draft), then queues its send: every step can be repeated
 * after a crash, and the draft is sent once. Nothing else ever puts a draft into the outbox.
 */
public final class DraftService implements CreateDraft, ListDrafts, GetDraft, EditDraft, ApproveDraft, RejectDraft {
  private final ReplyDraftRepository drafts;
  private final ReplyTemplateRepository templates;
  private final AutoReplyRuleRepository rules;
  private final EmailAccountRepository accounts;
  private final AutoReplyOutbox outbox;
  private final JobQueue queue;
  private final AuditTrail audit;
  private final Clock clock;

  public DraftService(ReplyDraftRepository drafts, ReplyTemplateRepository templates, AutoReplyRuleRepository rules,
      EmailAccountRepository accounts, AutoReplyOutbox outbox, JobQueue queue, AuditTrail audit, Clock clock) {
    this.drafts = drafts;
    this.templates = templates;
    this.rules = rules;
    this.accounts = accounts;
    this.outbox = outbox;
    this.queue = queue;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * One draft per rule and message; none when the message names nobody to reply to or the rule is not the user's.
   * A template of the user's is used whether approved or not: the user reviews the draft itself.
   */
  @Override
  public void draft(EmailMessage message, AutoReplyRuleId rule, UUID templateIdOrNull) {
    UserId owner = message.userId();
    Optional<Integer> version = rules.findById(owner, rule).map(AutoReplyRule::version)
        .or(() -> rules.versions(owner, rule).stream().map(AutoReplyRule::version).reduce((a, b) -> b));
    if (version.isEmpty()) return;
    Optional<ReplyTemplate> template = Optional.ofNullable(templateIdOrNull)
        .flatMap(id -> templates.findById(owner, new ReplyTemplateId(id)));
    Optional<ReplyMessage> reply = template.isPresent() ? ReplyText.write(message, template.get())
        : ReplyText.placeholder(message);
    if (reply.isEmpty()) return;
    drafts.insertIfAbsent(ReplyDraft.create(owner, message.id(), message.accountId(), rule, version.get(),
        template.map(ReplyTemplate::id).orElse(null), reply.get(), clock.instant()));
  }

  @Override
  public Page<ReplyDraft> list(UserId user, DraftStatus status, PageRequest page) {
    return drafts.list(user, status, page);
  }

  @Override
  public DraftState get(UserId user, ReplyDraftId draft) {
    ReplyDraft found = find(user, draft);
    return new DraftState(found, outbox.findByDraft(user, draft).orElse(null));
  }

  @Override
  public ReplyDraft edit(EditDraftCommand command) {
    ReplyDraft draft = find(command.user(), command.draft());
    requireVersion(draft, command.expectedVersion());
    requirePending(draft, "edited");
    ReplyDraft edited = draft.edit(command.subject() == null ? draft.reply().subject() : command.subject(),
        command.body() == null ? draft.reply().body() : command.body(), clock.instant());
    store(edited);
    audit.record(command.user(), "draft.changed", "draft", draft.id().toString(), command.meta());
    return edited;
  }

  @Override
  public DraftState approve(UserId user, ReplyDraftId id, Integer expectedVersion, RequestMeta meta) {
    ReplyDraft draft = find(user, id);
    requireVersion(draft, expectedVersion);
    if (draft.status() == DraftStatus.REJECTED) {
      throw new ConflictException("draft_rejected", "the draft was rejected; it is never sent");
    }
    Instant now = clock.instant();
    if (draft.status() == DraftStatus.PENDING) {
      draft = draft.approve(OutboxEntryId.random(), now);
      store(draft);
      audit.record(user, "draft.approved", "draft", draft.id().toString(), meta,
          Map.of("outbox_id", draft.outboxId().toString()));
    }
    // an approval that stopped half-way is completed by approving again: the entry and its job are idempotent
    String domain = accounts.findById(user, draft.accountId()).map(a -> a.address().domain()).orElse("va.invalid");
    outbox.insertIfAbsent(OutboxEntry.draft(draft, "<" + UUID.randomUUID() + "@" + domain + ">", now));
    OutboxEntry entry = outbox.findByDraft(user, draft.id()).orElseThrow();
    if (entry.status() == OutboxStatus.PENDING) ReplyJobs.enqueueSend(queue, entry, now);
    return new DraftState(draft, entry);
  }

  @Override
  public ReplyDraft reject(UserId user, ReplyDraftId id, Integer expectedVersion, RequestMeta meta) {
    ReplyDraft draft = find(user, id);
    requireVersion(draft, expectedVersion);
    if (draft.status() == DraftStatus.REJECTED) return draft;
    requirePending(draft, "rejected");
    ReplyDraft rejected = draft.reject(clock.instant());
    store(rejected);
    audit.record(user, "draft.rejected", "draft", draft.id().toString(), meta);
    return rejected;
  }

  private ReplyDraft find(UserId user, ReplyDraftId id) {
    return drafts.findById(user, id).orElseThrow(() -> new NotFoundException("draft"));
  }

  private void store(ReplyDraft next) {
    if (!drafts.update(next)) {
      throw new ConflictException("version_conflict", "the draft was changed meanwhile; load it and try again");
    }
  }

  private static void requireVersion(ReplyDraft draft, Integer expected) {
    if (expected != null && expected != draft.version()) {
      throw new ConflictException("version_conflict", "the draft is at version " + draft.version() + ", not "
          + expected);
    }
  }

  private static void requirePending(ReplyDraft draft, String action) {
    if (draft.status() != DraftStatus.PENDING) {
      throw new ConflictException("draft_" + draft.status().name().toLowerCase(Locale.ROOT),
          "the draft is " + draft.status().name().toLowerCase(Locale.ROOT) + "; it can no longer be " + action);
    }
  }
}
