package dev.va.adapter.web.replies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Response;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.TestApplication;
import dev.va.adapter.web.WebServer;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.rule.AutoReplyRuleId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The templates API and the approval gate auto-replies go through. Every test has users of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplatesApiTest {
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

  private Session user() {
    return client.signUp("templates" + names.incrementAndGet());
  }

  private JsonNode create(Session user, String subject, String body) {
    Map<String, Object> request = new HashMap<>();
    request.put("name", "Away");
    if (subject != null) request.put("subject", subject);
    request.put("body", body);
    return client.post(RepliesRoutes.TEMPLATES, user.accessToken(), request).ok(201);
  }

  private static String url(JsonNode template) {
    return RepliesRoutes.TEMPLATES + "/" + template.get("id").asText();
  }

  /** A rule that auto-replies with the template to every message. */
  private String autoReplyRule(Session user, JsonNode template) throws Exception {
    JsonNode document = ApiClient.JSON.readTree("{\"when\": {\"all\": []}, \"then\": [{\"action\": \"auto_reply\", "
        + "\"template\": \"" + template.get("id").asText() + "\"}]}");
    return client.post(RepliesRoutes.RULES, user.accessToken(),
        Map.of("name", "Away", "priority", 1, "document", document)).ok(201).get("id").asText();
  }

  @Test
  void aNewTemplateWaitsForApprovalAndAnEditWithdrawsIt() {
    Session user = user();
    Response created = client.post(RepliesRoutes.TEMPLATES, user.accessToken(),
        Map.of("name", "Away", "subject", "Away: {{subject}}", "body", "Hello {{ sender_name }}, I am away."));
    JsonNode template = created.ok(201);
    assertThat(created.header("Location")).isEqualTo(url(template));
    assertThat(template.get("approved").asBoolean()).isFalse();
    assertThat(template.get("version").asInt()).isEqualTo(1);

    JsonNode approved = client.post(url(template) + "/approve", user.accessToken(), Map.of("version", 1)).ok(200);
    JsonNode again = client.post(url(template) + "/approve", user.accessToken(), null).ok(200);
    JsonNode edited = client.send("PUT", url(template), user.accessToken(),
        Map.of("name", "Away", "body", "Back on Monday.", "version", 2)).ok(200);

    assertThat(approved.get("approved").asBoolean()).isTrue();
    assertThat(approved.get("approved_at").isNull()).isFalse();
    assertThat(again).isEqualTo(approved);
    assertThat(edited.get("approved").asBoolean()).isFalse();
    assertThat(edited.get("approved_at").isNull()).isTrue();
    assertThat(edited.get("subject").isNull()).isTrue();
    assertThat(edited.get("version").asInt()).isEqualTo(3);
    assertThat(client.get(RepliesRoutes.TEMPLATES, user.accessToken()).ok(200).get("items"))
        .containsExactly(edited);
  }

  @Test
  void approvingTextThatChangedSinceIsAConflict() {
    Session user = user();
    JsonNode template = create(user, null, "Version one.");
    client.send("PUT", url(template), user.accessToken(), Map.of("name", "Away", "body", "Version two.")).ok(200);

    client.post(url(template) + "/approve", user.accessToken(), Map.of("version", 1))
        .error(409, "version_conflict");
    client.send("PUT", url(template), user.accessToken(), Map.of("name", "Away", "body", "x", "version", 1))
        .error(409, "version_conflict");

    assertThat(client.get(url(template), user.accessToken()).ok(200).get("approved").asBoolean()).isFalse();
  }

  @Test
  void textIsCheckedForPlaceholdersLengthAndLines() {
    Session user = user();

    assertThat(client.post(RepliesRoutes.TEMPLATES, user.accessToken(),
        Map.of("name", "x", "body", "Dear {{first_name}}")).error(400, "validation_failed").get("message").asText())
        .contains("{{first_name}}");
    assertThat(client.post(RepliesRoutes.TEMPLATES, user.accessToken(),
        Map.of("name", "x", "subject", "two\r\nlines", "body", "x")).error(400, "validation_failed")
        .get("field").asText()).isEqualTo("subject");
    assertThat(client.post(RepliesRoutes.TEMPLATES, user.accessToken(),
        Map.of("name", "x", "body", "y".repeat(10_001))).error(400, "validation_failed").get("field").asText())
        .isEqualTo("body");
    assertThat(client.post(RepliesRoutes.TEMPLATES, user.accessToken(), Map.of("name", "x")).error(400,
        "validation_failed").get("field").asText()).isEqualTo("body");
  }

  @Test
  void anAutoReplyGoesOutOnlyWithAnApprovedTemplate() throws Exception {
    Session user = user();
    EmailAccount account = Mailboxes.account(application.repositories(), user.id());
    JsonNode template = create(user, null, "Thanks {{sender_name}}.");
    AutoReplyRuleId rule = AutoReplyRuleId.parse(autoReplyRule(user, template), "rule");
    UUID templateId = UUID.fromString(template.get("id").asText());
    EmailMessage first = Mailboxes.mail(application.repositories(), account, "ann@clients.test", "One",
        "Mon, 2 Jun 2025 09:00:00 +0000", "");
    EmailMessage second = Mailboxes.mail(application.repositories(), account, "bob@clients.test", "Two",
        "Mon, 2 Jun 2025 10:00:00 +0000", "");

    application.autoReplies().schedule(first, rule, 1, templateId);
    client.post(url(template) + "/approve", user.accessToken(), null).ok(200);
    application.autoReplies().schedule(second, rule, 1, templateId);

    JsonNode outbox = client.get(RepliesRoutes.OUTBOX, user.accessToken()).ok(200).get("items");
    assertThat(outbox).hasSize(2);
    JsonNode suppressed = client.get(RepliesRoutes.OUTBOX + "?status=suppressed", user.accessToken()).ok(200)
        .get("items");
    assertThat(suppressed).singleElement().satisfies(entry -> {
      assertThat(entry.get("message_id").asText()).isEqualTo(first.id().toString());
      assertThat(entry.get("reason").asText()).isEqualTo("template not approved");
      assertThat(entry.get("recipient").asText()).isEqualTo("ann@clients.test");
      assertThat(entry.get("body").isNull()).isTrue();
    });
    JsonNode pending = client.get(RepliesRoutes.OUTBOX + "?status=PENDING", user.accessToken()).ok(200)
        .get("items");
    assertThat(pending).singleElement().satisfies(entry -> {
      assertThat(entry.get("message_id").asText()).isEqualTo(second.id().toString());
      assertThat(entry.get("kind").asText()).isEqualTo("auto_reply");
      assertThat(entry.get("body").asText()).isEqualTo("Thanks bob.");
      assertThat(entry.get("subject").asText()).isEqualTo("Re: Two");
    });
  }

  @Test
  void anotherUsersTemplateIsNotFoundAndCannotBeApproved() {
    Session owner = user();
    JsonNode template = create(owner, null, "Mine.");
    Session other = user();

    client.get(url(template), other.accessToken()).error(404, "not_found");
    client.post(url(template) + "/approve", other.accessToken(), null).error(404, "not_found");
    client.send("DELETE", url(template), other.accessToken(), null).error(404, "not_found");

    assertThat(client.get(url(template), owner.accessToken()).ok(200).get("approved").asBoolean()).isFalse();
    assertThat(client.send("DELETE", url(template), owner.accessToken(), null).status()).isEqualTo(204);
    client.get(url(template), owner.accessToken()).error(404, "not_found");
  }
}
