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
import dev.va.application.port.out.ReplyWriter;
import dev.va.application.port.out.ReplyWriter.Author;
import dev.va.application.triage.autoreply.AutoReplyBuilder;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.reply.DraftSource;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reply drafts: written by a language model, from a template, or as a placeholder for the user to fill in; edited,
 * then approved or rejected by the user. Approval stores the draft APPROVED with the id of its outbox entry first,
 * then that entry (one per draft), then queues its send: every step can be repeated after a crash, and the draft is
 * sent once. Nothing else ever puts a draft into the outbox, so a draft, whoever wrote it, is only sent once the
 * user approved it.
 */
public final class DraftService implements CreateDraft, ListDrafts, GetDraft, EditDraft, ApproveDraft, RejectDraft {
  static final String NO_LANGUAGE_MODEL = "no language model is configured";
  static final String NO_ANSWER = "the language model gave no draft";
  static final String TEMPLATE_GONE = "the rule's template no longer exists";

  private static final System.Logger LOG = System.getLogger(DraftService.class.getName());

  private final ReplyDraftRepository drafts;
  private final ReplyTemplateRepository templates;
  private final AutoReplyRuleRepository rules;
  private final EmailAccountRepository accounts;
  private final AutoReplyOutbox outbox;
  private final JobQueue queue;
  private final Optional<ReplyWriter> writer;
  private final AuditTrail audit;
  private final Clock clock;

  /** @param writer the language model that writes drafts, where one is configured */
  public DraftService(ReplyDraftRepository drafts, ReplyTemplateRepository templates, AutoReplyRuleRepository rules,
      EmailAccountRepository accounts, AutoReplyOutbox outbox, JobQueue queue, Optional<ReplyWriter> writer,
      AuditTrail audit, Clock clock) {
    this.drafts = drafts;
    this.templates = templates;
    this.rules = rules;
    this.accounts = accounts;
    this.outbox = outbox;
    this.queue = queue;
    this.writer = writer;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * One draft per rule and message; none when the message names nobody to reply to (the model is not asked then)
   * or the rule is not the user's. A template of the user's is used whether approved or not: the user reviews the
   * draft itself. When the draft is not what was asked for (no model, no answer, the template gone), its note
   * says why.
   */
  @Override
  public void draft(EmailMessage message, AutoReplyRuleId rule, UUID templateIdOrNull, boolean llm) {
    UserId owner = message.userId();
    Optional<Integer> version = rules.findById(owner, rule).map(AutoReplyRule::version)
        .or(() -> rules.versions(owner, rule).stream().map(AutoReplyRule::version).reduce((a, b) -> b));
    if (version.isEmpty() || AutoReplyBuilder.replyAddress(message).isEmpty()) return;
    Optional<ReplyTemplate> template = Optional.ofNullable(templateIdOrNull)
        .flatMap(id -> templates.findById(owner, new ReplyTemplateId(id)));
    List<String> why = new ArrayList<>();
    Optional<String> written = Optional.empty();
    if (llm && writer.isEmpty()) {
      why.add(NO_LANGUAGE_MODEL);
    } else if (llm) {
      written = ask(writer.get(), message);
      if (written.isEmpty()) why.add(NO_ANSWER);
    }
    DraftSource source = written.isPresent() ? DraftSource.LLM
        : template.isPresent() ? DraftSource.TEMPLATE : DraftSource.PLACEHOLDER;
    if (source == DraftSource.PLACEHOLDER && templateIdOrNull != null) why.add(TEMPLATE_GONE);
    Optional<ReplyMessage> reply = switch (source) {
      case LLM -> ReplyText.written(message, written.get());
      case TEMPLATE -> ReplyText.write(message, template.get());
      case PLACEHOLDER -> ReplyText.placeholder(message);
    };
    if (reply.isEmpty()) return;
    String note = why.isEmpty() ? null : String.join("; ", why) + (source == DraftSource.TEMPLATE
        ? "; the template was used instead" : "; write the reply in place of the placeholder");
    drafts.insertIfAbsent(ReplyDraft.create(owner, message.id(), message.accountId(), rule, version.get(),
        template.map(ReplyTemplate::id).orElse(null), source, note, reply.get(), clock.instant()));
  }

  /** The model's text for the mailbox the message reached; empty on any failure, whatever the adapter does. */
  private Optional<String> ask(ReplyWriter model, EmailMessage message) {
    Optional<EmailAccount> account = accounts.findById(message.userId(), message.accountId());
    Author author = new Author(message.userId(), account.map(EmailAccount::displayName).orElse(null),
        account.map(a -> a.address().value()).orElse(null));
    try {
      Optional<String> text = model.write(author, message);
      // the port promises plain text of bounded length; hold a broken adapter to it rather than trust it
      return text == null ? Optional.empty() : text.flatMap(ReplyWriter::plainText);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "the reply writer failed on message {0}: {1}", message.id(), e.toString());
      return Optional.empty();
    }
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
