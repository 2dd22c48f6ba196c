package dev.va.application.triage.job;

import static dev.va.application.fixture.EmailAccountBuilder.anImapAccount;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.job.JobRejectedException;
import dev.va.application.audit.AuditTrail;
import dev.va.application.fake.InMemoryJobQueue;
import dev.va.application.fake.ScriptedReplyWriter;
import dev.va.application.port.out.JobQueue.Delivery;
import dev.va.application.port.out.PageRequest;
import dev.va.application.port.out.ReplyWriter;
import dev.va.application.reply.AutoReplyService;
import dev.va.application.reply.DraftService;
import dev.va.application.reply.OutboxService;
import dev.va.domain.job.Job;
import dev.va.domain.reply.DraftSource;
import dev.va.domain.reply.DraftStatus;
import dev.va.domain.reply.OutboxStatus;
import dev.va.domain.reply.ReplyDraft;
import java.util.Set;
import dev.va.application.json.Json;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.json.JsonValue.JsonString;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.OnceJobContext;
import dev.va.application.fake.RecordingWebhookSender;
import dev.va.application.fake.ScriptedLlmClassifier;
import dev.va.application.fake.SettableClock;
import dev.va.application.audit.AuditTrail;
import dev.va.application.port.in.CategoryUseCases.CreateCategoryCommand;
import dev.va.application.port.in.TriageUseCases.CorrectClassificationCommand;
import dev.va.application.port.out.AppliedRule;
import dev.va.application.port.out.MailProvider.MailProviderException;
import dev.va.application.port.out.WebhookSender.WebhookException;
import dev.va.application.triage.TestMessages;
import dev.va.application.triage.category.CategoryService;
import dev.va.application.triage.classify.SyntheticMail;
import dev.va.application.triage.classify.TriageModel;
import dev.va.application.triage.job.TriageJobHandler.Llm;
import dev.va.application.triage.job.TriageJobHandler.Replies;
import dev.va.application.triage.model.ClassificationCorrections;
import dev.va.application.triage.model.ClassifierModels;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.Triage;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.user.User;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TriageJobHandlerTest {
  private static final String FLAG_CLIENTS = """
      {"when": {"field": "from", "op": "ends_with", "value": "@client.example"},
       "then": [{"action": "flag"}, {"action": "label", "value": "clients"}]}""";
  private static final UUID TEMPLATE = UUID.fromString("6f1c1b1e-8d4b-4c5a-9a43-2f9f3b1d7e10");
  private static final UUID DRAFT_TEMPLATE = UUID.fromString("0e3d3c43-5d1f-4f47-8a50-0f9d3a0a6b21");
  private static final URI HOOK = URI.create("https://hooks.example.org/va");

  private final SettableClock clock = new SettableClock(Instant.parse("2025-03-04T10:16:00Z"));
  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final RecordingMailProvider provider = new RecordingMailProvider();
  private final RecordingReplies replies = new RecordingReplies();
  private final RecordingWebhookSender webhooks = new RecordingWebhookSender();
  private ClassifierModels models = new ClassifierModels(TriageModel.untrained(), repositories.models(), clock);
  private OnceJobContext.Ledger ledger = new OnceJobContext.Ledger();
  private User user;
  private EmailAccount account;

  @BeforeEach
  void setUp() {
    user = aUser().email("me@example.org").build();
    repositories.users().insert(user);
    account = anImapAccount(user.id()).address("me@example.org").build()
        .withStatus(AccountStatus.ACTIVE, null, clock.instant());
    repositories.accounts().insert(account);
  }

  private TriageJobHandler handler(Llm llm, Replies withReplies) {
    return new TriageJobHandler(repositories.messages(), repositories.accounts(), repositories.rules(),
        repositories.users(), repositories.categories(), Map.of(MailProviderType.IMAP, provider), models, llm,
        withReplies, webhooks, clock);
  }

  private TriageJobHandler handler() {
    return handler(Llm.none(), new Replies(Optional.of(replies), Optional.of(replies), Optional.of(replies),
        Optional.of(replies)));
  }

  private EmailMessage deliver(String raw) {
    EmailMessage m = TestMessages.parse(raw);
    EmailMessage mine = new EmailMessage(m.id(), account.id(), user.id(), "p-" + UUID.randomUUID(), null,
        m.messageIdHeader(), m.from(), m.to(), m.cc(), m.subject(), m.receivedAt(), m.headers(), m.bodyText(),
        m.attachments(), m.sizeBytes(), List.of("INBOX"), List.of(), Triage.PENDING, m.createdAt(), m.updatedAt());
    repositories.messages().insertIfAbsent(mine);
    return mine;
  }

  private EmailMessage fromClient() {
    return deliver("Return-Path: <ann@client.example>\nFrom: Ann Lee <ann@client.example>\nTo: me@example.org\n"
        + "Subject: Contract renewal\nMessage-ID: <c1@client.example>\n\n"
        + "Could you send me the signed contract by Friday?\n");
  }

  /** Mailing-list mail, which the auto-reply policy never answers. */
  private EmailMessage fromList() {
    return deliver("Return-Path: <ann@client.example>\nFrom: Ann Lee <ann@client.example>\nTo: me@example.org\n"
        + "Subject: Weekly notes\nList-Id: <notes.client.example>\n\nNotes of the week.\n");
  }

  private AutoReplyRule rule(String name, int priority, String document) {
    AutoReplyRule rule = AutoReplyRule.create(user.id(), name, priority, document, clock.instant());
    repositories.rules().insert(rule);
    return rule;
  }

  private static OnceJobContext job(OnceJobContext.Ledger ledger, EmailMessage message) {
    return new OnceJobContext(ledger, TriageJobHandler.TYPE,
        new TriagePayload(message.id(), message.accountId()).toJson());
  }

  private void run(TriageJobHandler handler, EmailMessage message) {
    handler.handle(job(ledger, message));
  }

  private EmailMessage stored(EmailMessage message) {
    return repositories.messages().findById(user.id(), message.id()).orElseThrow();
  }

  private String pid(EmailMessage message) {
    return message.providerMessageId();
  }

  @Test
  void a_message_is_classified_and_stored_with_the_rules_that_fired() {
    AutoReplyRule clients = rule("clients", 10, FLAG_CLIENTS);
    EmailMessage message = fromClient();

    run(handler(), message);

    Triage triage = stored(message).triage();
    assertThat(triage.processed()).isTrue();
    assertThat(triage.processedAt()).isEqualTo(clock.instant());
    assertThat(triage.category()).isEqualTo(Category.PERSONAL);
    assertThat(triage.needsReply()).isTrue();
    assertThat(triage.flagged()).isTrue();
    assertThat(triage.reasons()).anySatisfy(r -> assertThat(r).startsWith("rule \"clients\" v1 matched: from"));
    assertThat(repositories.messages().ruleApplications(user.id(), message.id())).singleElement()
        .satisfies(applied -> {
          assertThat(applied.ruleId()).isEqualTo(clients.id());
          assertThat(applied.ruleVersion()).isEqualTo(1);
          assertThat(applied.matched()).singleElement().asString().contains("ann@client.example");
          assertThat(applied.actions()).containsExactly(new AppliedRule.Action("flag", Map.of()),
              new AppliedRule.Action("label", Map.of("value", "clients")));
        });
    assertThat(provider.calls()).containsExactly("setFlagged " + pid(message) + " true",
        "addLabel " + pid(message) + " clients");
  }

  @Test
  void no_rule_matching_means_no_action_at_the_mail_server() {
    rule("clients", 10, FLAG_CLIENTS);
    EmailMessage message = deliver("From: bob@elsewhere.example\nTo: me@example.org\nSubject: Hello\n\nHi there.\n");

    run(handler(), message);

    assertThat(stored(message).triage().processed()).isTrue();
    assertThat(stored(message).triage().flagged()).isFalse();
    assertThat(repositories.messages().ruleApplications(user.id(), message.id())).isEmpty();
    assertThat(provider.calls()).isEmpty();
  }

  @Test
  void an_action_done_before_a_failed_attempt_is_not_repeated_by_the_retry() {
    rule("clients", 10, FLAG_CLIENTS);
    EmailMessage message = fromClient();
    provider.fail("addLabel", new MailProviderException("connection reset", false, null));

    assertThatThrownBy(() -> run(handler(), message)).isInstanceOf(MailProviderException.class);
    assertThat(stored(message).triage().processed()).as("processed only once every action is done").isFalse();

    provider.heal();
    run(handler(), message);

    assertThat(provider.calls()).containsExactly("setFlagged " + pid(message) + " true",
        "addLabel " + pid(message) + " clients", "addLabel " + pid(message) + " clients");
    assertThat(stored(message).triage().processed()).isTrue();
  }

  @Test
  void the_job_delivered_twice_flags_the_message_once() {
    rule("clients", 10, "{\"when\": {\"field\": \"from\", \"op\": \"ends_with\", \"value\": \"@client.example\"},"
        + " \"then\": [{\"action\": \"flag\"}]}");
    EmailMessage message = fromClient();
    // the first delivery did its effects, then its worker died before the triage was stored
    OnceJobContext first = job(ledger, message);
    first.once("triage:" + message.id() + ":flag", () -> provider.setFlagged(account, pid(message), true));

    run(handler(), message);
    run(handler(), message);
    // a later job for the same message (e.g. queued again by a resync) with a ledger that forgot everything
    handler().handle(job(new OnceJobContext.Ledger(), message));

    assertThat(provider.calls()).containsExactly("setFlagged " + pid(message) + " true");
    assertThat(stored(message).triage().flagged()).isTrue();
  }

  @Test
  void refused_credentials_put_the_account_in_needs_reauth_and_end_the_job() {
    rule("clients", 10, FLAG_CLIENTS);
    EmailMessage message = fromClient();
    provider.fail("setFlagged", new MailProviderException("AUTHENTICATE failed", true, null));

    run(handler(), message);

    EmailAccount after = repositories.accounts().findById(user.id(), account.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(AccountStatus.NEEDS_REAUTH);
    assertThat(after.lastError()).contains("AUTHENTICATE failed");
    assertThat(stored(message).triage().processed()).isFalse();

    // until the user connects the account again, its triage jobs end without calling the server
    provider.heal();
    run(handler(), fromClient());
    run(handler(), message);
    assertThat(provider.calls()).containsExactly("setFlagged " + pid(message) + " true");
  }

  @Test
  void other_mail_server_failures_fail_the_attempt_for_a_retry() {
    rule("clients", 10, FLAG_CLIENTS);
    EmailMessage message = fromClient();
    provider.fail("setFlagged", new MailProviderException("timeout", false, null));

    assertThatThrownBy(() -> run(handler(), message)).hasMessage("timeout");

    assertThat(repositories.accounts().findById(user.id(), account.id()).orElseThrow().status())
        .isEqualTo(AccountStatus.ACTIVE);
  }

  @Test
  void the_language_model_is_asked_only_below_the_threshold() {
    ScriptedLlmClassifier llm = ScriptedLlmClassifier.answering(Category.IMPORTANT, 0.9, true);
    TriageJobHandler handler = handler(new Llm(Optional.of(llm), 0.8), Replies.none());
    EmailMessage automatic = deliver("From: robot@shop.example\nTo: me@example.org\nSubject: Your order shipped\n"
        + "Auto-Submitted: auto-generated\n\nYour parcel is on its way.\n");
    EmailMessage unclear = deliver("From: Zoe <zoe@example.net>\nTo: me@example.org\nSubject: Plans\n\n"
        + "Thinking about the plans.\n");

    run(handler, automatic);
    assertThat(llm.calls()).isZero();
    assertThat(stored(automatic).triage().category()).isEqualTo(Category.NOTIFICATION);

    run(handler, unclear);
    assertThat(llm.calls()).isEqualTo(1);
    assertThat(stored(unclear).triage().category()).isEqualTo(Category.IMPORTANT);
    assertThat(stored(unclear).triage().confidence()).isEqualTo(0.9);
    assertThat(stored(unclear).triage().reasons()).contains("local classifier was unsure: personal (0.30)");
  }

  @Test
  void without_a_language_model_the_local_result_stands() {
    EmailMessage unclear = deliver("From: Zoe <zoe@example.net>\nTo: me@example.org\nSubject: Plans\n\nHmm.\n");

    run(handler(), unclear);

    assertThat(stored(unclear).triage().category()).isEqualTo(Category.PERSONAL);
    assertThat(stored(unclear).triage().confidence()).isEqualTo(0.3);
  }

  @Test
  void a_rule_that_no_longer_compiles_is_skipped_and_named() {
    AutoReplyRule broken = new AutoReplyRule(dev.va.domain.rule.AutoReplyRuleId.random(), user.id(), "broken", 1,
        true, 4, "{\"when\": {\"from_domain\": \"client.example\"}, \"then\": [{\"reply\": \"Away\"}]}",
        clock.instant(), clock.instant());
    repositories.rules().insert(broken);
    rule("clients", 10, FLAG_CLIENTS);
    EmailMessage message = fromClient();

    run(handler(), message);

    assertThat(provider.calls()).contains("setFlagged " + pid(message) + " true");
    assertThat(stored(message).triage().reasons())
        .anySatisfy(r -> assertThat(r).startsWith("rule \"broken\" v4 skipped: invalid ($.when"));
    assertThat(repositories.messages().ruleApplications(user.id(), message.id()))
        .extracting(AppliedRule::ruleName).containsExactly("clients");
  }

  @Test
  void an_allowed_auto_reply_a_draft_and_a_webhook_are_handed_over_once() {
    AutoReplyRule ack = rule("ack", 10, """
        {"when": {"field": "from", "op": "ends_with", "value": "@client.example"},
         "then": [{"action": "auto_reply", "template": "%s", "period_days": 3},
                  {"action": "draft_reply", "template": "%s"},
                  {"action": "notify", "url": "%s"}]}""".formatted(TEMPLATE, DRAFT_TEMPLATE, HOOK));
    EmailMessage message = fromClient();

    run(handler(), message);
    handler().handle(job(new OnceJobContext.Ledger(), message));

    assertThat(replies.scheduled()).singleElement().satisfies(s -> {
      assertThat(s.rule()).isEqualTo(ack.id());
      assertThat(s.version()).isEqualTo(1);
      assertThat(s.template()).isEqualTo(TEMPLATE);
      assertThat(s.message().id()).isEqualTo(message.id());
      assertThat(s.message().triage().processed()).as("handed over classified").isTrue();
    });
    assertThat(replies.drafted()).singleElement().satisfies(d -> {
      assertThat(d.rule()).isEqualTo(ack.id());
      assertThat(d.template()).isEqualTo(DRAFT_TEMPLATE);
      assertThat(d.llm()).isFalse();
    });
    assertThat(webhooks.calls()).singleElement().satisfies(call -> {
      assertThat(call.url()).isEqualTo(HOOK);
      JsonObject body = (JsonObject) Json.parse(call.json());
      assertThat(body.get("event")).contains(new JsonString("message.triaged"));
      assertThat(body.get("message_id")).contains(new JsonString(message.id().toString()));
      assertThat(body.get("from")).contains(new JsonString("Ann Lee <ann@client.example>"));
      assertThat(body.get("category")).contains(new JsonString("personal"));
      assertThat(body.has("body")).isFalse();
    });
    assertThat(stored(message).triage().reasons())
        .contains("auto-reply allowed: auto-reply allowed to ann@client.example");
  }

  @Test
  void an_auto_reply_the_policy_refuses_is_not_handed_over() {
    AutoReplyRule ack = rule("ack", 10, """
        {"when": {"field": "from", "op": "ends_with", "value": "@client.example"},
         "then": [{"action": "auto_reply", "template": "%s", "period_days": 3}]}""".formatted(TEMPLATE));
    replies.repliedBefore(ack.id(), "ann@client.example", clock.instant().minus(Duration.ofDays(1)));
    EmailMessage message = fromClient();

    run(handler(), message);
    handler().handle(job(new OnceJobContext.Ledger(), message));

    assertThat(replies.scheduled()).isEmpty();
    assertThat(replies.suppressed()).singleElement().satisfies(s -> {
      assertThat(s.rule()).isEqualTo(ack.id());
      assertThat(s.version()).isEqualTo(1);
      assertThat(s.template()).isEqualTo(TEMPLATE);
      assertThat(s.message().id()).isEqualTo(message.id());
      assertThat(s.reason()).isEqualTo("ann@client.example already got an auto-reply from this rule on "
          + clock.instant().minus(Duration.ofDays(1)) + " (once per 3 days)");
    });
    assertThat(stored(message).triage().reasons()).anySatisfy(r -> assertThat(r).startsWith("auto-reply suppressed"));
  }

  @Test
  void a_suppression_retried_after_a_failed_attempt_is_recorded_once() {
    rule("list", 10, """
        {"when": {"field": "from", "op": "ends_with", "value": "@client.example"},
         "then": [{"action": "auto_reply", "template": "%s"}, {"action": "notify", "url": "%s"}]}"""
        .formatted(TEMPLATE, HOOK));
    webhooks.answer(HOOK, 503);
    EmailMessage message = fromList();

    assertThatThrownBy(() -> run(handler(), message)).isInstanceOf(WebhookException.class);
    webhooks.answer(HOOK, 200);
    run(handler(), message);

    assertThat(replies.scheduled()).isEmpty();
    assertThat(replies.suppressed()).singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo("mailing-list mail (list-id header)"));
  }

  @Test
  void without_a_reply_service_auto_replies_and_drafts_are_noted_not_lost_silently() {
    rule("ack", 10, """
        {"when": {"field": "from", "op": "ends_with", "value": "@client.example"},
         "then": [{"action": "auto_reply", "template": "%s"}, {"action": "draft_reply", "template": "%s"}]}"""
        .formatted(TEMPLATE, DRAFT_TEMPLATE));
    EmailMessage message = fromClient();

    run(handler(Llm.none(), Replies.none()), message);

    assertThat(stored(message).triage().reasons()).contains(
        "auto-reply not queued: this process has no reply service",
        "draft of rule \"ack\" not created: this process has no reply service");
  }

  @Test
  void a_webhook_that_refuses_for_good_is_noted_and_one_that_may_recover_is_retried() {
    URI gone = URI.create("https://hooks.example.org/gone");
    URI busy = URI.create("https://hooks.example.org/busy");
    webhooks.answer(gone, 404);
    webhooks.answer(busy, 503);
    rule("hooks", 10, """
        {"when": {"field": "from", "op": "ends_with", "value": "@client.example"},
         "then": [{"action": "flag"}, {"action": "notify", "url": "%s"}, {"action": "notify", "url": "%s"}]}"""
        .formatted(gone, busy));
    EmailMessage message = fromClient();

    assertThatThrownBy(() -> run(handler(), message)).isInstanceOf(WebhookException.class);
    webhooks.answer(busy, 200);
    run(handler(), message);

    assertThat(webhooks.calls()).extracting(RecordingWebhookSender.Call::url).containsExactly(gone, busy, busy);
    assertThat(provider.calls()).containsExactly("setFlagged " + pid(message) + " true");
    assertThat(stored(message).triage().reasons()).contains("notify " + gone + " not delivered: webhook answered 404");
  }

  private EmailMessage invoice(int n) {
    return deliver("From: Billing <billing@vendor.example>\nTo: me@example.org\n"
        + "Subject: Invoice " + n + " for March\n\nPlease find invoice " + n + " attached, amount due "
        + (n % 100 + 20) + " EUR.\n");
  }

  /** A base model trained on spam and personal mail, as VA_CLASSIFIER_MODEL gives one. */
  private void trainedBaseModel() {
    models = new ClassifierModels(new TriageModel(SyntheticMail.categoryModel(), Optional.empty()),
        repositories.models(), clock);
  }

  private CategoryService categories() {
    return new CategoryService(repositories.categories(), models, new AuditTrail(repositories.audit(), clock),
        clock);
  }

  @Test
  void a_correction_to_a_category_of_the_users_changes_how_the_next_message_is_classified() {
    trainedBaseModel();
    categories().create(new CreateCategoryCommand(user.id(), "invoices", "Bills from suppliers", null));
    ClassificationCorrections corrections = new ClassificationCorrections(repositories.messages(), models,
        repositories.categories(), clock);
    EmailMessage first = invoice(2291);
    run(handler(), first);
    assertThat(stored(first).triage().category()).isEqualTo(Category.PERSONAL);

    corrections.correct(new CorrectClassificationCommand(user.id(), first.id(), "invoices", false));
    EmailMessage next = invoice(2292);
    run(handler(), next);

    assertThat(stored(first).triage().category()).isEqualTo(new Category("invoices"));
    assertThat(stored(first).triage().reasons()).containsExactly(ClassificationCorrections.REASON);
    assertThat(stored(next).triage().category()).isEqualTo(new Category("invoices"));
  }

  @Test
  void a_few_corrections_teach_a_category_locally_and_deleting_it_is_safe_for_rules_and_messages() {
    trainedBaseModel();
    CategoryService categories = categories();
    categories.create(new CreateCategoryCommand(user.id(), "invoices", "Bills from suppliers", null));
    ClassificationCorrections corrections = new ClassificationCorrections(repositories.messages(), models,
        repositories.categories(), clock);
    for (int n = 1; n <= 3; n++) {
      EmailMessage taught = invoice(100 + n);
      corrections.correct(new CorrectClassificationCommand(user.id(), taught.id(), "invoices", false));
    }
    rule("bills", 5, """
        {"when": {"field": "category", "op": "equals", "value": "invoices"},
         "then": [{"action": "label", "value": "to pay"}]}""");
    ScriptedLlmClassifier llm = ScriptedLlmClassifier.answering(Category.IMPORTANT, 0.9, false);
    TriageJobHandler handler = handler(new Llm(Optional.of(llm), 0.8), Replies.none());

    EmailMessage similar = invoice(7001);
    run(handler, similar);

    Triage triage = stored(similar).triage();
    assertThat(triage.category()).isEqualTo(new Category("invoices"));
    assertThat(triage.confidence()).as("sure enough to decide without the language model").isGreaterThan(0.8);
    assertThat(llm.calls()).isZero();
    assertThat(triage.reasons()).contains("rule \"bills\" v1 matched: category equals \"invoices\"");
    assertThat(provider.calls()).containsExactly("addLabel " + pid(similar) + " to pay");

    // deleted: the messages keep it, the rule stays (and no longer matches), the model never names it again
    categories.delete(user.id(), "invoices", null);
    EmailMessage later = invoice(7002);
    run(handler, later);

    assertThat(stored(similar).triage().category()).isEqualTo(new Category("invoices"));
    assertThat(repositories.rules().listByUser(user.id())).extracting(AutoReplyRule::name).containsExactly("bills");
    assertThat(stored(later).triage().processed()).isTrue();
    assertThat(stored(later).triage().category()).isNotEqualTo(new Category("invoices"));
    assertThat(repositories.messages().ruleApplications(user.id(), later.id())).isEmpty();
    assertThat(llm.lastAllowed() == null || !llm.lastAllowed().allows(new Category("invoices"))).isTrue();
  }

  @Test
  void the_language_model_is_offered_the_users_categories_and_may_choose_one() {
    categories().create(new CreateCategoryCommand(user.id(), "travel", "Bookings, tickets and itineraries", null));
    ScriptedLlmClassifier llm = ScriptedLlmClassifier.answering(new Category("travel"), 0.88, false);
    EmailMessage unclear = deliver("From: Zoe <zoe@example.net>\nTo: me@example.org\nSubject: Plans\n\n"
        + "Thinking about the plans.\n");

    run(handler(new Llm(Optional.of(llm), 0.8), Replies.none()), unclear);

    assertThat(llm.lastAllowed().names()).containsAll(Category.BUILT_IN).contains(new Category("travel"));
    assertThat(llm.lastAllowed().find(new Category("travel")).orElseThrow().description())
        .isEqualTo("Bookings, tickets and itineraries");
    assertThat(stored(unclear).triage().category()).isEqualTo(new Category("travel"));
  }

  @Test
  void a_processed_a_vanished_or_a_foreign_message_is_left_alone() {
    rule("clients", 10, FLAG_CLIENTS);
    EmailMessage message = fromClient();
    Triage done = Triage.PENDING.classified(Category.SPAM, 1.0, false, List.of("corrected by user"),
        clock.instant());
    repositories.messages().update(message.withTriage(done, clock.instant()));

    run(handler(), message);
    handler().handle(new OnceJobContext(ledger, TriageJobHandler.TYPE,
        new TriagePayload(EmailMessageId.random(), account.id()).toJson()));

    assertThat(provider.calls()).isEmpty();
    assertThat(stored(message).triage()).isEqualTo(done);
    assertThatThrownBy(() -> handler().handle(new OnceJobContext(ledger, TriageJobHandler.TYPE,
        new TriagePayload(message.id(), dev.va.domain.mail.EmailAccountId.random()).toJson())))
        .isInstanceOf(JobRejectedException.class);
  }

  @Test
  void a_payload_that_is_not_a_triage_payload_is_rejected() {
    for (String payload : List.of("", "[]", "{\"message_id\": 7, \"account_id\": \"x\"}",
        "{\"message_id\": \"not-a-uuid\", \"account_id\": \"" + account.id() + "\"}")) {
      assertThatThrownBy(() -> handler().handle(new OnceJobContext(ledger, TriageJobHandler.TYPE, payload)))
          .as(payload).isInstanceOf(JobRejectedException.class);
    }
  }

  /** The reply side as production has it, over the same fakes: the outbox and drafts, with this language model. */
  private Replies realReplies(InMemoryJobQueue queue, Optional<ReplyWriter> writer) {
    AuditTrail audit = new AuditTrail(repositories.audit(), clock);
    AutoReplyService autoReplies = new AutoReplyService(repositories.rules(), repositories.templates(),
        repositories.accounts(), repositories.users(), repositories.outbox(), queue, clock);
    DraftService drafts = new DraftService(repositories.drafts(), repositories.templates(), repositories.rules(),
        repositories.accounts(), repositories.outbox(), queue, writer, audit, clock);
    return new Replies(Optional.of(autoReplies), Optional.of(autoReplies), Optional.of(drafts),
        Optional.of(autoReplies));
  }

  private static List<Job> queued(InMemoryJobQueue queue) throws InterruptedException {
    return queue.fetch("test", Set.of(Job.DEFAULT_QUEUE), 100, Duration.ZERO).stream().map(Delivery::job).toList();
  }

  @Test
  void a_suppressed_auto_reply_shows_in_the_outbox_with_its_reason_and_nothing_is_sent() throws Exception {
    InMemoryJobQueue queue = new InMemoryJobQueue(clock, Duration.ofSeconds(30));
    AutoReplyRule list = rule("list", 10, """
        {"when": {"field": "from", "op": "ends_with", "value": "@client.example"},
         "then": [{"action": "auto_reply", "template": "%s"}]}""".formatted(TEMPLATE));
    EmailMessage message = fromList();

    run(handler(Llm.none(), realReplies(queue, Optional.empty())), message);
    handler(Llm.none(), realReplies(queue, Optional.empty())).handle(job(new OnceJobContext.Ledger(), message));

    OutboxService outbox = new OutboxService(repositories.outbox(), queue, new AuditTrail(repositories.audit(),
        clock), clock);
    assertThat(outbox.list(user.id(), null, PageRequest.first(10)).items()).singleElement().satisfies(entry -> {
      assertThat(entry.status()).isEqualTo(OutboxStatus.SUPPRESSED);
      assertThat(entry.reason()).isEqualTo("mailing-list mail (list-id header)");
      assertThat(entry.ruleId()).isEqualTo(list.id());
      assertThat(entry.ruleVersion()).isEqualTo(1);
      assertThat(entry.messageId()).isEqualTo(message.id());
      assertThat(entry.reply()).isNull();
    });
    assertThat(queued(queue)).isEmpty();
  }

  @Test
  void a_draft_reply_without_a_template_is_written_by_the_language_model_once_and_not_sent() throws Exception {
    InMemoryJobQueue queue = new InMemoryJobQueue(clock, Duration.ofSeconds(30));
    ScriptedReplyWriter writer = ScriptedReplyWriter.answering("Hi Ann,\n\nI will send it on Thursday.\n\nMe");
    rule("draft", 10, """
        {"when": {"field": "from", "op": "ends_with", "value": "@client.example"},
         "then": [{"action": "draft_reply"}, {"action": "notify", "url": "%s"}]}""".formatted(HOOK));
    webhooks.answer(HOOK, 503);
    EmailMessage message = fromClient();
    TriageJobHandler handler = handler(Llm.none(), realReplies(queue, Optional.of(writer)));

    assertThatThrownBy(() -> run(handler, message)).isInstanceOf(WebhookException.class);
    webhooks.answer(HOOK, 200);
    run(handler, message);

    List<ReplyDraft> drafts = repositories.drafts().list(user.id(), null, PageRequest.first(10)).items();
    assertThat(drafts).singleElement().satisfies(draft -> {
      assertThat(draft.source()).isEqualTo(DraftSource.LLM);
      assertThat(draft.status()).isEqualTo(DraftStatus.PENDING);
      assertThat(draft.reply().body()).isEqualTo("Hi Ann,\n\nI will send it on Thursday.\n\nMe");
    });
    assertThat(writer.asked()).singleElement()
        .satisfies(asked -> assertThat(asked.message().id()).isEqualTo(message.id()));
    assertThat(repositories.outbox().list(user.id(), null, PageRequest.first(10)).items()).isEmpty();
    assertThat(queued(queue)).isEmpty();
  }
}
