package dev.va.application.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.ConflictException;
import dev.va.application.NotFoundException;
import dev.va.application.RequestMeta;
import dev.va.application.port.in.DraftUseCases.DraftState;
import dev.va.application.port.in.DraftUseCases.EditDraftCommand;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.reply.DraftStatus;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.OutboxEntryId;
import dev.va.domain.reply.OutboxStatus;
import dev.va.domain.reply.ReplyDraft;
import dev.va.domain.reply.ReplyKind;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.Test;

class DraftServiceTest {
  private final ReplyWorld world = new ReplyWorld();
  private final User user = world.user();
  private final EmailAccount account = world.account(user.id());
  private final ReplyTemplate template = world.template(user.id(), false);
  private final AutoReplyRule rule = world.autoReplyRule(user.id(), world.template(user.id(), true));

  private ReplyDraft onlyDraft() {
    List<ReplyDraft> drafts = world.drafts.list(user.id(), null, PageRequest.first(10)).items();
    assertThat(drafts).hasSize(1);
    return drafts.get(0);
  }

  private List<OutboxEntry> outbox() {
    return world.outbox.list(user.id(), null, PageRequest.first(10)).items();
  }

  @Test
  void aDraftIsWrittenFromAnyTemplateOfTheUserOncePerRuleAndMessage() {
    EmailMessage message = world.mail(account, "Ann Client <ann@clients.test>");

    world.drafts.draft(message, rule.id(), template.id().value());
    world.drafts.draft(message, rule.id(), template.id().value());

    ReplyDraft draft = onlyDraft();
    assertThat(draft.status()).isEqualTo(DraftStatus.PENDING);
    assertThat(draft.ruleVersion()).isEqualTo(rule.version());
    assertThat(draft.templateId()).isEqualTo(template.id());
    assertThat(draft.reply().recipient()).isEqualTo("ann@clients.test");
    assertThat(draft.reply().subject()).isEqualTo("Re: Meeting next week");
    assertThat(draft.reply().body()).isEqualTo("Hello Ann Client,\nI am away until Monday (Meeting next week).");
    assertThat(outbox()).isEmpty();
    assertThat(world.dueJobs()).isEmpty();
  }

  @Test
  void withoutATemplateTheDraftHoldsAPlaceholderThatMustBeReplacedBeforeApproval() {
    EmailMessage message = world.mail(account, "ann@clients.test");
    world.drafts.draft(message, rule.id(), null);
    ReplyDraft draft = onlyDraft();

    assertThat(draft.templateId()).isNull();
    assertThat(draft.reply().body()).isEqualTo("Hello ann,\n\n" + ReplyDraft.PLACEHOLDER + "\n");
    assertThatThrownBy(() -> world.drafts.approve(user.id(), draft.id(), null, RequestMeta.NONE))
        .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.field()).isEqualTo("body"));
    assertThat(outbox()).isEmpty();

    ReplyDraft edited = world.drafts.edit(new EditDraftCommand(user.id(), draft.id(), draft.version(), null,
        "Hello Ann,\n\nTuesday works.\n", RequestMeta.NONE));
    DraftState approved = world.drafts.approve(user.id(), draft.id(), edited.version(), RequestMeta.NONE);

    assertThat(approved.draft().status()).isEqualTo(DraftStatus.APPROVED);
    assertThat(approved.outbox().reply().body()).isEqualTo("Hello Ann,\n\nTuesday works.\n");
  }

  @Test
  void approvalPutsTheDraftIntoTheOutboxOnceAndQueuesOneSend() {
    world.drafts.draft(world.mail(account, "ann@clients.test"), rule.id(), template.id().value());
    ReplyDraft draft = onlyDraft();

    DraftState first = world.drafts.approve(user.id(), draft.id(), draft.version(), RequestMeta.NONE);
    DraftState again = world.drafts.approve(user.id(), draft.id(), null, RequestMeta.NONE);

    OutboxEntry entry = first.outbox();
    assertThat(outbox()).containsExactly(entry);
    assertThat(again.outbox()).isEqualTo(entry);
    assertThat(entry.id()).isEqualTo(first.draft().outboxId());
    assertThat(entry.kind()).isEqualTo(ReplyKind.DRAFT);
    assertThat(entry.draftId()).isEqualTo(draft.id());
    assertThat(entry.status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(entry.reply()).isEqualTo(draft.reply());
    assertThat(entry.messageIdHeader()).endsWith("@" + account.address().domain() + ">");
    assertThat(world.dueJobs()).singleElement()
        .satisfies(job -> assertThat(job.idempotencyKey()).isEqualTo(entry.id().toString()));
    assertThat(world.drafts.get(user.id(), draft.id())).isEqualTo(first);
  }

  @Test
  void anApprovalThatStoppedHalfWayIsCompletedByApprovingAgain() {
    world.drafts.draft(world.mail(account, "ann@clients.test"), rule.id(), template.id().value());
    ReplyDraft draft = onlyDraft();
    // the draft was stored approved, then the process died before the outbox entry was written
    ReplyDraft approved = draft.approve(OutboxEntryId.random(), world.clock.instant());
    assertThat(world.repositories.drafts().update(approved)).isTrue();

    DraftState completed = world.drafts.approve(user.id(), draft.id(), null, RequestMeta.NONE);

    assertThat(completed.outbox().id()).isEqualTo(approved.outboxId());
    assertThat(outbox()).hasSize(1);
    assertThat(world.dueJobs()).hasSize(1);
  }

  @Test
  void aRejectedDraftIsNeverSent() {
    world.drafts.draft(world.mail(account, "ann@clients.test"), rule.id(), template.id().value());
    ReplyDraft draft = onlyDraft();

    ReplyDraft rejected = world.drafts.reject(user.id(), draft.id(), null, RequestMeta.NONE);

    assertThat(rejected.status()).isEqualTo(DraftStatus.REJECTED);
    assertThat(world.drafts.reject(user.id(), draft.id(), null, RequestMeta.NONE)).isEqualTo(rejected);
    assertThatThrownBy(() -> world.drafts.approve(user.id(), draft.id(), null, RequestMeta.NONE))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("draft_rejected"));
    assertThatThrownBy(() -> world.drafts.edit(new EditDraftCommand(user.id(), draft.id(), null, "x", null,
        RequestMeta.NONE))).isInstanceOf(ConflictException.class);
    assertThat(outbox()).isEmpty();
    assertThat(world.dueJobs()).isEmpty();
    assertThat(world.drafts.get(user.id(), draft.id()).outbox()).isNull();
  }

  @Test
  void anApprovedDraftCanNeitherBeEditedNorRejected() {
    world.drafts.draft(world.mail(account, "ann@clients.test"), rule.id(), template.id().value());
    ReplyDraft draft = onlyDraft();
    world.drafts.approve(user.id(), draft.id(), null, RequestMeta.NONE);

    assertThatThrownBy(() -> world.drafts.edit(new EditDraftCommand(user.id(), draft.id(), null, "x", null,
        RequestMeta.NONE)))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("draft_approved"));
    assertThatThrownBy(() -> world.drafts.reject(user.id(), draft.id(), null, RequestMeta.NONE))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("draft_approved"));
  }

  @Test
  void aStaleVersionChangesNothing() {
    world.drafts.draft(world.mail(account, "ann@clients.test"), rule.id(), template.id().value());
    ReplyDraft draft = onlyDraft();
    world.drafts.edit(new EditDraftCommand(user.id(), draft.id(), draft.version(), "New subject", null,
        RequestMeta.NONE));

    assertThatThrownBy(() -> world.drafts.approve(user.id(), draft.id(), draft.version(), RequestMeta.NONE))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("version_conflict"));

    assertThat(onlyDraft().status()).isEqualTo(DraftStatus.PENDING);
    assertThat(onlyDraft().reply().subject()).isEqualTo("New subject");
    assertThat(outbox()).isEmpty();
  }

  @Test
  void noDraftForARuleTheUserDoesNotHaveOrAMessageWithNobodyToAnswer() {
    EmailMessage message = world.mail(account, "ann@clients.test");
    User stranger = world.user();
    AutoReplyRule foreign = world.autoReplyRule(stranger.id(), world.template(stranger.id(), true));

    world.drafts.draft(message, AutoReplyRuleId.random(), null);
    world.drafts.draft(message, foreign.id(), null);

    assertThat(world.drafts.list(user.id(), null, PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void anotherUsersDraftIsNotFound() {
    world.drafts.draft(world.mail(account, "ann@clients.test"), rule.id(), template.id().value());
    ReplyDraft draft = onlyDraft();
    User stranger = world.user();

    assertThatThrownBy(() -> world.drafts.get(stranger.id(), draft.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> world.drafts.approve(stranger.id(), draft.id(), null, RequestMeta.NONE))
        .isInstanceOf(NotFoundException.class);
    assertThat(outbox()).isEmpty();
  }
}
