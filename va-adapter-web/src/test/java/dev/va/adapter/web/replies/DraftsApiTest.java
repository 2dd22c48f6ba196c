package dev.va.adapter.web.replies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.TestApplication;
import dev.va.adapter.web.WebServer;
import dev.va.application.port.out.JobQueue.Delivery;
import dev.va.domain.job.Job;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.reply.OutboxEntryId;
import dev.va.domain.reply.ReplyDraft;
import dev.va.domain.rule.AutoReplyRuleId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The drafts and outbox API: a draft (from a template, a placeholder or the language model) is never sent unless
 * approved, approving it queues exactly one send, and an auto-reply triage's policy refused is listed with its reason.
 * The send itself is the job handler's (tested against a real SMTP server in va-bootstrap); here the queue shows it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DraftsApiTest {
  private final TestApplication application = new TestApplication();
  private final AtomicInteger names = new AtomicInteger();
  private WebServer server;
  private ApiClient client;

  @BeforeAll
  void start() {
    server = application.startServer();
    client = new ApiClient(server.url());
  }

  @AfterAll
  void stop() {
    server.stop();
  }

  /** A user with a mailbox, a rule that drafts replies with a template, and one message from Ann. */
  private record World(Session user, EmailAccount account, AutoReplyRuleId rule, UUID template,
      EmailMessage message) {}

  private World world() throws Exception {
    Session user = client.signUp("drafts" + names.incrementAndGet());
    EmailAccount account = Mailboxes.account(application.repositories(), user.id());
    String template = client.post(RepliesRoutes.TEMPLATES, user.accessToken(),
        Map.of("name", "Thanks", "body", "Thanks {{sender_name}}, Tuesday works.")).ok(201).get("id").asText();
    JsonNode document = ApiClient.JSON.readTree("{\"when\": {\"all\": []}, \"then\": [{\"action\": "
        + "\"draft_reply\", \"template\": \"" + template + "\"}]}");
    String rule = client.post(RepliesRoutes.RULES, user.accessToken(),
        Map.of("name", "Draft", "priority", 1, "document", document)).ok(201).get("id").asText();
    EmailMessage message = Mailboxes.mail(application.repositories(), account, "Ann Client <ann@clients.test>",
        "Meeting", "Mon, 2 Jun 2025 09:00:00 +0000", "");
    return new World(user, account, AutoReplyRuleId.parse(rule, "rule"), UUID.fromString(template), message);
  }

  private JsonNode onlyDraft(World world) {
    JsonNode items = client.get(RepliesRoutes.DRAFTS, world.user().accessToken()).ok(200).get("items");
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private List<Job> queuedSends(World world) throws InterruptedException {
    return queuedSends(world.user());
  }

  private List<Job> queuedSends(Session user) throws InterruptedException {
    return application.jobs().fetch("test", Set.of(Job.DEFAULT_QUEUE), 100, Duration.ZERO).stream()
        .map(Delivery::job).filter(job -> user.id().equals(job.userId())).toList();
  }

  /** A rule of {@code user} that does {@code action} to every message. */
  private String rule(Session user, String action) throws Exception {
    JsonNode document = ApiClient.JSON.readTree("{\"when\": {\"all\": []}, \"then\": [" + action + "]}");
    return client.post(RepliesRoutes.RULES, user.accessToken(),
        Map.of("name", "Rule " + names.incrementAndGet(), "priority", 1, "document", document)).ok(201)
        .get("id").asText();
  }

  @Test
  void anApprovedDraftIsQueuedToBeSentExactlyOnce() throws Exception {
    World world = world();
    application.drafts().draft(world.message(), world.rule(), world.template(), false);
    JsonNode draft = onlyDraft(world);
    String url = RepliesRoutes.DRAFTS + "/" + draft.get("id").asText();
    assertThat(draft.get("status").asText()).isEqualTo("pending");
    assertThat(draft.get("source").asText()).isEqualTo("template");
    assertThat(draft.get("note").isNull()).isTrue();
    assertThat(draft.get("body").asText()).isEqualTo("Thanks Ann Client, Tuesday works.");
    assertThat(client.get(RepliesRoutes.OUTBOX, world.user().accessToken()).ok(200).get("items")).isEmpty();

    JsonNode edited = client.send("PATCH", url, world.user().accessToken(),
        Map.of("body", "Thanks Ann, Tuesday at ten works.", "version", 1)).ok(200);
    JsonNode approved = client.post(url + "/approve", world.user().accessToken(), Map.of("version", 2)).ok(200);
    JsonNode again = client.post(url + "/approve", world.user().accessToken(), null).ok(200);

    assertThat(edited.get("version").asInt()).isEqualTo(2);
    assertThat(approved.get("status").asText()).isEqualTo("approved");
    JsonNode entry = approved.get("outbox");
    assertThat(entry.get("id").asText()).isEqualTo(approved.get("outbox_id").asText());
    assertThat(entry.get("kind").asText()).isEqualTo("draft");
    assertThat(entry.get("status").asText()).isEqualTo("pending");
    assertThat(entry.get("body").asText()).isEqualTo("Thanks Ann, Tuesday at ten works.");
    assertThat(entry.get("recipient").asText()).isEqualTo("ann@clients.test");
    assertThat(entry.get("in_reply_to").asText()).isEqualTo(world.message().messageIdHeader());
    assertThat(again.get("outbox")).isEqualTo(entry);
    assertThat(client.get(RepliesRoutes.OUTBOX, world.user().accessToken()).ok(200).get("items"))
        .containsExactly(entry);
    assertThat(client.get(url, world.user().accessToken()).ok(200).get("outbox")).isEqualTo(entry);
    assertThat(queuedSends(world)).singleElement().satisfies(job -> {
      assertThat(job.type()).isEqualTo("mail.autoreply.send");
      assertThat(job.idempotencyKey()).isEqualTo(entry.get("id").asText());
    });
    client.send("PATCH", url, world.user().accessToken(), Map.of("body", "x")).error(409, "draft_approved");
    client.post(url + "/reject", world.user().accessToken(), null).error(409, "draft_approved");
  }

  @Test
  void aRejectedDraftIsNeverSent() throws Exception {
    World world = world();
    application.drafts().draft(world.message(), world.rule(), world.template(), false);
    String url = RepliesRoutes.DRAFTS + "/" + onlyDraft(world).get("id").asText();

    JsonNode rejected = client.post(url + "/reject", world.user().accessToken(), null).ok(200);
    client.post(url + "/approve", world.user().accessToken(), null).error(409, "draft_rejected");
    client.send("PATCH", url, world.user().accessToken(), Map.of("body", "x")).error(409, "draft_rejected");

    assertThat(rejected.get("status").asText()).isEqualTo("rejected");
    assertThat(rejected.get("outbox_id").isNull()).isTrue();
    assertThat(client.get(RepliesRoutes.OUTBOX, world.user().accessToken()).ok(200).get("items")).isEmpty();
    assertThat(queuedSends(world)).isEmpty();
    assertThat(client.get(RepliesRoutes.DRAFTS + "?status=rejected", world.user().accessToken()).ok(200)
        .get("items")).hasSize(1);
    assertThat(client.get(RepliesRoutes.DRAFTS + "?status=pending", world.user().accessToken()).ok(200)
        .get("items")).isEmpty();
  }

  @Test
  void aDraftWithoutATemplateMustBeWrittenBeforeItIsApproved() throws Exception {
    World world = world();
    application.drafts().draft(world.message(), world.rule(), null, false);
    JsonNode draft = onlyDraft(world);
    String url = RepliesRoutes.DRAFTS + "/" + draft.get("id").asText();
    assertThat(draft.get("body").asText()).contains(ReplyDraft.PLACEHOLDER);
    assertThat(draft.get("source").asText()).isEqualTo("placeholder");

    JsonNode error = client.post(url + "/approve", world.user().accessToken(), null)
        .error(400, "validation_failed");

    assertThat(error.get("field").asText()).isEqualTo("body");
    assertThat(client.get(url, world.user().accessToken()).ok(200).get("status").asText()).isEqualTo("pending");
    assertThat(queuedSends(world)).isEmpty();
  }

  @Test
  void staleVersionsAndBadFiltersAreRefused() throws Exception {
    World world = world();
    application.drafts().draft(world.message(), world.rule(), world.template(), false);
    String url = RepliesRoutes.DRAFTS + "/" + onlyDraft(world).get("id").asText();
    client.send("PATCH", url, world.user().accessToken(), Map.of("subject", "Re: Meeting on Tuesday")).ok(200);

    client.post(url + "/approve", world.user().accessToken(), Map.of("version", 1)).error(409, "version_conflict");
    assertThat(client.send("PATCH", url, world.user().accessToken(), Map.of("subject", "two\nlines"))
        .error(400, "validation_failed").get("field").asText()).isEqualTo("subject");
    assertThat(client.get(RepliesRoutes.DRAFTS + "?status=sent", world.user().accessToken())
        .error(400, "validation_failed").get("field").asText()).isEqualTo("status");
    client.get(RepliesRoutes.OUTBOX + "?status=draft", world.user().accessToken()).error(400, "validation_failed");
    assertThat(queuedSends(world)).isEmpty();
  }

  @Test
  void onlyAnUncertainOrFailedReplyIsSentAgainAndOnlyWhenAsked() throws Exception {
    World world = world();
    application.drafts().draft(world.message(), world.rule(), world.template(), false);
    String draftUrl = RepliesRoutes.DRAFTS + "/" + onlyDraft(world).get("id").asText();
    JsonNode approved = client.post(draftUrl + "/approve", world.user().accessToken(), null).ok(200);
    String entryUrl = RepliesRoutes.OUTBOX + "/" + approved.get("outbox_id").asText();
    assertThat(queuedSends(world)).hasSize(1);

    client.post(entryUrl + "/resend", world.user().accessToken(), null).error(409, "not_resendable");
    // its worker claimed it and vanished; the lease ran out
    OutboxEntryId id = OutboxEntryId.parse(approved.get("outbox_id").asText(), "id");
    var outbox = application.repositories().outbox();
    outbox.claim(id, application.clock().instant().plusSeconds(60), application.clock().instant());
    outbox.markUncertain(id, "worker vanished", application.advance(Duration.ofMinutes(2)));
    assertThat(client.get(entryUrl, world.user().accessToken()).ok(200).get("status").asText())
        .isEqualTo("uncertain");

    JsonNode resent = client.post(entryUrl + "/resend", world.user().accessToken(), null).ok(200);

    assertThat(resent.get("status").asText()).isEqualTo("pending");
    assertThat(resent.get("message_id_header").asText())
        .isEqualTo(approved.get("outbox").get("message_id_header").asText());
    assertThat(queuedSends(world)).singleElement()
        .satisfies(job -> assertThat(job.idempotencyKey()).isEqualTo(id + ":resend:1"));
    client.post(entryUrl + "/resend", world.user().accessToken(), null).error(409, "not_resendable");
  }

  @Test
  void anotherUsersDraftsAndRepliesAreNotFound() throws Exception {
    World world = world();
    application.drafts().draft(world.message(), world.rule(), world.template(), false);
    String url = RepliesRoutes.DRAFTS + "/" + onlyDraft(world).get("id").asText();
    Session other = client.signUp("drafts" + names.incrementAndGet());

    client.get(url, other.accessToken()).error(404, "not_found");
    client.post(url + "/approve", other.accessToken(), null).error(404, "not_found");
    client.post(url + "/reject", other.accessToken(), null).error(404, "not_found");
    assertThat(client.get(RepliesRoutes.DRAFTS, other.accessToken()).ok(200).get("items")).isEmpty();

    assertThat(client.get(url, world.user().accessToken()).ok(200).get("status").asText()).isEqualTo("pending");
    assertThat(queuedSends(world)).isEmpty();
  }

  @Test
  void triageHasTheLanguageModelWriteADraftThatIsSentOnlyOnceApproved() throws Exception {
    Session user = client.signUp("drafts" + names.incrementAndGet());
    EmailAccount account = Mailboxes.account(application.repositories(), user.id());
    rule(user, "{\"action\": \"draft_reply\"}");
    EmailMessage message = Mailboxes.mail(application.repositories(), account, "Ann Client <ann@clients.test>",
        "Meeting", "Mon, 2 Jun 2025 09:00:00 +0000", "");

    application.triage(message);
    application.triage(message);

    JsonNode items = client.get(RepliesRoutes.DRAFTS, user.accessToken()).ok(200).get("items");
    assertThat(items).singleElement().satisfies(draft -> {
      assertThat(draft.get("source").asText()).isEqualTo("llm");
      assertThat(draft.get("note").isNull()).isTrue();
      assertThat(draft.get("template_id").isNull()).isTrue();
      assertThat(draft.get("status").asText()).isEqualTo("pending");
      assertThat(draft.get("body").asText()).isEqualTo(TestApplication.LLM_DRAFT);
      assertThat(draft.get("subject").asText()).isEqualTo("Re: Meeting");
    });
    assertThat(client.get(RepliesRoutes.OUTBOX, user.accessToken()).ok(200).get("items")).isEmpty();
    assertThat(queuedSends(user)).isEmpty();

    String url = RepliesRoutes.DRAFTS + "/" + items.get(0).get("id").asText();
    JsonNode approved = client.post(url + "/approve", user.accessToken(), null).ok(200);
    assertThat(approved.get("source").asText()).isEqualTo("llm");
    assertThat(approved.get("outbox").get("body").asText()).isEqualTo(TestApplication.LLM_DRAFT);
    assertThat(queuedSends(user)).hasSize(1);
  }

  @Test
  void anAutoReplyTheTriagePolicyRefusesShowsInTheOutboxWithItsReasonRecipientAndSubjectAndIsNeverSent()
      throws Exception {
    Session user = client.signUp("drafts" + names.incrementAndGet());
    EmailAccount account = Mailboxes.account(application.repositories(), user.id());
    String template = client.post(RepliesRoutes.TEMPLATES, user.accessToken(),
        Map.of("name", "Away", "body", "I am away.")).ok(201).get("id").asText();
    client.post(RepliesRoutes.TEMPLATES + "/" + template + "/approve", user.accessToken(), null).ok(200);
    String rule = rule(user, "{\"action\": \"auto_reply\", \"template\": \"" + template + "\"}");
    EmailMessage listMail = Mailboxes.mail(application.repositories(), account, "news@lists.test", "Digest",
        "Mon, 2 Jun 2025 09:00:00 +0000", "List-Id: <digest.lists.test>\n");

    application.triage(listMail);
    application.triage(listMail);

    JsonNode items = client.get(RepliesRoutes.OUTBOX, user.accessToken()).ok(200).get("items");
    assertThat(items).singleElement().satisfies(entry -> {
      assertThat(entry.get("status").asText()).isEqualTo("suppressed");
      assertThat(entry.get("kind").asText()).isEqualTo("auto_reply");
      assertThat(entry.get("reason").asText()).isEqualTo("mailing-list mail (list-id header)");
      assertThat(entry.get("rule_id").asText()).isEqualTo(rule);
      assertThat(entry.get("message_id").asText()).isEqualTo(listMail.id().toString());
      assertThat(entry.get("recipient").asText()).isEqualTo("news@lists.test");
      assertThat(entry.get("subject").asText()).isEqualTo("Re: Digest");
      // nothing was written: no text, no threading, no Message-ID
      assertThat(entry.get("body").isNull()).isTrue();
      assertThat(entry.get("in_reply_to").isNull()).isTrue();
      assertThat(entry.get("references")).isEmpty();
      assertThat(entry.get("message_id_header").isNull()).isTrue();
    });
    assertThat(client.get(RepliesRoutes.OUTBOX + "?status=suppressed", user.accessToken()).ok(200).get("items"))
        .isEqualTo(items);
    String entryUrl = RepliesRoutes.OUTBOX + "/" + items.get(0).get("id").asText();
    assertThat(client.get(entryUrl, user.accessToken()).ok(200)).isEqualTo(items.get(0));
    client.post(entryUrl + "/resend", user.accessToken(), null).error(409, "not_resendable");
    assertThat(client.get(entryUrl, user.accessToken()).ok(200)).isEqualTo(items.get(0));
    assertThat(queuedSends(user)).isEmpty();
  }
}
