package dev.va.application.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.ConflictException;
import dev.va.application.NotFoundException;
import dev.va.application.RequestMeta;
import dev.va.application.fake.ScriptedReplyWriter;
import dev.va.application.port.in.DraftUseCases.DraftState;
import dev.va.application.port.in.DraftUseCases.EditDraftCommand;
import dev.va.application.port.out.PageRequest;
import dev.va.application.port.out.ReplyWriter;
import dev.va.application.triage.TestMessages;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.reply.DraftSource;
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
import java.util.Optional;
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

    world.drafts.draft(message, rule.id(), template.id().value(), false);
    world.drafts.draft(message, rule.id(), template.id().value(), false);

    ReplyDraft draft = onlyDraft();
    assertThat(draft.status()).isEqualTo(DraftStatus.PENDING);
    assertThat(draft.ruleVersion()).isEqualTo(rule.version());
    assertThat(draft.templateId()).isEqualTo(template.id());
    assertThat(draft.source()).isEqualTo(DraftSource.TEMPLATE);
    assertThat(draft.note()).isNull();
    assertThat(draft.reply().recipient()).isEqualTo("ann@clients.test");
    assertThat(draft.reply().subject()).isEqualTo("Re: Meeting next week");
    assertThat(draft.reply().body()).isEqualTo("Hello Ann Client,\nI am away until Monday (Meeting next week).");
    assertThat(outbox()).isEmpty();
    assertThat(world.dueJobs()).isEmpty();
  }

  @Test
  void withoutATemplateTheDraftHoldsAPlaceholderThatMustBeReplacedBeforeApproval() {
    EmailMessage message = world.mail(account, "ann@clients.test");
    world.drafts.draft(message, rule.id(), null, false);
    ReplyDraft draft = onlyDraft();

    assertThat(draft.templateId()).isNull();
    assertThat(draft.source()).isEqualTo(DraftSource.PLACEHOLDER);
    assertThat(draft.note()).isNull();
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
    world.drafts.draft(world.mail(account, "ann@clients.test"), rule.id(), template.id().value(), false);
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
    world.drafts.draft(world.mail(account, "ann@clients.test"), rule.id(), template.id().value(), false);
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
    world.drafts.draft(world.mail(account, "ann@clients.test"), rule.id(), template.id().value(), false);
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
    world.drafts.draft(world.mail(account, "ann@clients.test"), rule.id(), template.id().value(), false);
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
    world.drafts.draft(world.mail(account, "ann@clients.test"), rule.id(), template.id().value(), false);
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

    world.drafts.draft(message, AutoReplyRuleId.random(), null, false);
    world.drafts.draft(message, foreign.id(), null, false);

    assertThat(world.drafts.list(user.id(), null, PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void anotherUsersDraftIsNotFound() {
    world.drafts.draft(world.mail(account, "ann@clients.test"), rule.id(), template.id().value(), false);
    ReplyDraft draft = onlyDraft();
    User stranger = world.user();

    assertThatThrownBy(() -> world.drafts.get(stranger.id(), draft.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> world.drafts.approve(stranger.id(), draft.id(), null, RequestMeta.NONE))
        .isInstanceOf(NotFoundException.class);
    assertThat(outbox()).isEmpty();
  }

  @Test
  void theLanguageModelWritesTheDraftWhichWaitsForApprovalLikeAnyOther() {
    ScriptedReplyWriter writer = ScriptedReplyWriter.answering("Hi Ann,\n\nTuesday works for me.\n\nSam");
    DraftService drafts = world.drafts(Optional.of(writer));
    EmailMessage message = world.mail(account, "Ann Client <ann@clients.test>");

    drafts.draft(message, rule.id(), null, true);
    drafts.draft(message, rule.id(), null, true);

    ReplyDraft draft = onlyDraft();
    assertThat(draft.source()).isEqualTo(DraftSource.LLM);
    assertThat(draft.note()).isNull();
    assertThat(draft.templateId()).isNull();
    assertThat(draft.status()).isEqualTo(DraftStatus.PENDING);
    assertThat(draft.reply().body()).isEqualTo("Hi Ann,\n\nTuesday works for me.\n\nSam");
    assertThat(draft.reply().subject()).isEqualTo("Re: Meeting next week");
    assertThat(draft.reply().recipient()).isEqualTo("ann@clients.test");
    assertThat(draft.reply().inReplyTo()).isEqualTo(message.messageIdHeader());
    assertThat(writer.asked()).first().satisfies(asked -> {
      assertThat(asked.message().id()).isEqualTo(message.id());
      assertThat(asked.author().user()).isEqualTo(user.id());
      assertThat(asked.author().name()).isEqualTo(account.displayName());
      assertThat(asked.author().address()).isEqualTo(account.address().value());
    });
    assertThat(outbox()).isEmpty();
    assertThat(world.dueJobs()).isEmpty();

    DraftState approved = world.drafts.approve(user.id(), draft.id(), null, RequestMeta.NONE);
    assertThat(approved.outbox().reply().body()).isEqualTo("Hi Ann,\n\nTuesday works for me.\n\nSam");
    assertThat(outbox()).hasSize(1);
    assertThat(world.dueJobs()).hasSize(1);
  }

  @Test
  void withTheLanguageModelAskedForATemplateIsTheFallback() {
    ScriptedReplyWriter writer = ScriptedReplyWriter.answering("Hi Ann, noted.");
    EmailMessage message = world.mail(account, "Ann Client <ann@clients.test>");

    world.drafts(Optional.of(writer)).draft(message, rule.id(), template.id().value(), true);

    assertThat(onlyDraft().source()).isEqualTo(DraftSource.LLM);
    assertThat(onlyDraft().reply().body()).isEqualTo("Hi Ann, noted.");
    assertThat(onlyDraft().templateId()).isEqualTo(template.id());
  }

  @Test
  void withoutALanguageModelTheDraftFallsBackAndSaysWhy() {
    EmailMessage first = world.mail(account, "ann@clients.test");
    EmailMessage second = world.mail(account, "bob@clients.test");

    world.drafts.draft(first, rule.id(), null, true);
    world.drafts.draft(second, rule.id(), template.id().value(), true);

    assertThat(draftOf(first)).satisfies(d -> {
      assertThat(d.source()).isEqualTo(DraftSource.PLACEHOLDER);
      assertThat(d.note()).isEqualTo("no language model is configured; write the reply in place of the placeholder");
      assertThat(d.holdsPlaceholder()).isTrue();
    });
    assertThat(draftOf(second)).satisfies(d -> {
      assertThat(d.source()).isEqualTo(DraftSource.TEMPLATE);
      assertThat(d.note()).isEqualTo("no language model is configured; the template was used instead");
      assertThat(d.reply().body()).isEqualTo("Hello bob,\nI am away until Monday (Meeting next week).");
    });
  }

  @Test
  void aModelThatGivesNothingFailsOrMisbehavesLeavesTheFallbackWithItsReason() {
    ReplyWriter failing = (author, message) -> {
      throw new IllegalStateException("connection reset");
    };
    ReplyWriter blank = (author, message) -> Optional.of(" \u0007\n ");
    EmailMessage silent = world.mail(account, "ann@clients.test");
    EmailMessage broken = world.mail(account, "bob@clients.test");
    EmailMessage empty = world.mail(account, "cy@clients.test");

    world.drafts(Optional.of(ScriptedReplyWriter.down())).draft(silent, rule.id(), null, true);
    world.drafts(Optional.of(failing)).draft(broken, rule.id(), template.id().value(), true);
    world.drafts(Optional.of(blank)).draft(empty, rule.id(), null, true);

    assertThat(draftOf(silent).source()).isEqualTo(DraftSource.PLACEHOLDER);
    assertThat(draftOf(silent).note())
        .isEqualTo("the language model gave no draft; write the reply in place of the placeholder");
    assertThat(draftOf(broken).source()).isEqualTo(DraftSource.TEMPLATE);
    assertThat(draftOf(broken).note()).isEqualTo("the language model gave no draft; the template was used instead");
    assertThat(draftOf(empty).source()).isEqualTo(DraftSource.PLACEHOLDER);
    assertThat(outbox()).isEmpty();
  }

  @Test
  void theModelsTextIsTakenLiterallyPlainAndBounded() {
    ReplyWriter sloppy = (author, message) -> Optional.of("Dear {{sender_name}} {{unknown}},\r\n\u202eyes"
        + "\u0000 " + "more ".repeat(2_000));

    world.drafts(Optional.of(sloppy)).draft(world.mail(account, "ann@clients.test"), rule.id(), null, true);

    ReplyDraft draft = onlyDraft();
    assertThat(draft.source()).isEqualTo(DraftSource.LLM);
    assertThat(draft.reply().body()).startsWith("Dear {{sender_name}} {{unknown}},\nyes more more")
        .doesNotContain("\r", "\u202e", "\u0000");
    assertThat(draft.reply().body().length()).isLessThanOrEqualTo(ReplyWriter.MAX_BODY);
  }

  @Test
  void theModelIsNotAskedUnlessTheRuleWantsItAndSomebodyCanBeAnswered() {
    ScriptedReplyWriter writer = ScriptedReplyWriter.answering("Hi.");
    DraftService drafts = world.drafts(Optional.of(writer));
    EmailMessage anonymous = TestMessages.parse("To: " + account.address().value() + "\nSubject: x\n\nHello?\n");
    anonymous = new EmailMessage(anonymous.id(), account.id(), user.id(), anonymous.providerMessageId(),
        anonymous.threadId(), anonymous.messageIdHeader(), anonymous.from(), anonymous.to(), anonymous.cc(),
        anonymous.subject(), anonymous.receivedAt(), anonymous.headers(), anonymous.bodyText(),
        anonymous.attachments(), anonymous.sizeBytes(), anonymous.labels(), anonymous.parseWarnings(),
        anonymous.triage(), anonymous.createdAt(), anonymous.updatedAt());
    EmailMessage plain = world.mail(account, "ann@clients.test");

    drafts.draft(anonymous, rule.id(), null, true);
    drafts.draft(plain, rule.id(), null, false);

    assertThat(writer.asked()).isEmpty();
    assertThat(onlyDraft().source()).isEqualTo(DraftSource.PLACEHOLDER);
    assertThat(onlyDraft().note()).isNull();
  }

  private ReplyDraft draftOf(EmailMessage message) {
    return world.drafts.list(user.id(), null, PageRequest.first(10)).items().stream()
        .filter(d -> d.messageId().equals(message.id())).findFirst().orElseThrow();
  }
}
