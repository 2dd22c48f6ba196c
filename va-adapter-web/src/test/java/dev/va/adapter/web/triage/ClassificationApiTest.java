package dev.va.adapter.web.triage;

import static dev.va.application.fixture.EmailAccountBuilder.anImapAccount;
import static dev.va.application.fixture.EmailMessageBuilder.aMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.TestApplication;
import dev.va.adapter.web.WebServer;
import dev.va.application.port.out.AppliedRule;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.rule.AutoReplyRuleId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Showing and correcting a message's classification over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassificationApiTest {
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
    return client.signUp("triage" + names.incrementAndGet());
  }

  private EmailMessage messageOf(Session session) {
    EmailAccount account = anImapAccount(session.id()).build();
    application.repositories().accounts().insert(account);
    EmailMessage message = aMessage(account).build();
    application.repositories().messages().insertIfAbsent(message);
    return message;
  }

  private static String path(EmailMessage message) {
    return "/api/v1/email/messages/" + message.id() + "/classification";
  }

  @Test
  void shows_the_classification_with_the_rules_that_fired() {
    Session ann = user();
    EmailMessage message = messageOf(ann);
    AutoReplyRuleId rule = AutoReplyRuleId.random();
    application.repositories().messages().saveTriage(message, List.of(new AppliedRule(rule, 3, "clients",
        List.of("from ends_with \"@example.org\""), List.of(new AppliedRule.Action("flag", Map.of()),
            new AppliedRule.Action("label", Map.of("value", "clients"))))));

    JsonNode body = client.get(path(message), ann.accessToken()).ok(200);

    assertThat(body.get("message_id").asText()).isEqualTo(message.id().toString());
    assertThat(body.get("category").asText()).isEqualTo("important");
    assertThat(body.get("needs_reply").asBoolean()).isTrue();
    assertThat(body.get("processed_at").asText()).isEqualTo(message.triage().processedAt().toString());
    JsonNode applied = body.get("rule_applications").get(0);
    assertThat(applied.get("rule_id").asText()).isEqualTo(rule.toString());
    assertThat(applied.get("rule_version").asInt()).isEqualTo(3);
    assertThat(applied.get("actions").toString())
        .isEqualTo("[{\"action\":\"flag\"},{\"action\":\"label\",\"value\":\"clients\"}]");
  }

  @Test
  void a_correction_is_stored_and_answered_with_the_new_classification() {
    Session ann = user();
    EmailMessage message = messageOf(ann);

    JsonNode body = client.post(path(message), ann.accessToken(),
        Map.of("category", "newsletter", "needs_reply", false)).ok(200);

    assertThat(body.get("category").asText()).isEqualTo("newsletter");
    assertThat(body.get("confidence").asDouble()).isEqualTo(1.0);
    assertThat(body.get("needs_reply").asBoolean()).isFalse();
    assertThat(body.get("reasons").toString()).isEqualTo("[\"corrected by user\"]");
    assertThat(application.repositories().messages().findById(ann.id(), message.id()).orElseThrow()
        .triage().category().name()).isEqualTo("newsletter");
    assertThat(application.repositories().models().updatedAt(ann.id())).isPresent();
  }

  @Test
  void an_invalid_correction_is_refused() {
    Session ann = user();
    EmailMessage message = messageOf(ann);

    assertThat(client.post(path(message), ann.accessToken(), Map.of("category", "Not a category!"))
        .error(400, "validation_failed").get("field").asText()).isEqualTo("category");
    assertThat(client.post(path(message), ann.accessToken(), Map.of("needs_reply", true))
        .error(400, "validation_failed").get("field").asText()).isEqualTo("category");
    client.post(path(message), ann.accessToken(), Map.of("category", "spam", "colour", "red"))
        .error(400, "unknown_field");
    client.post("/api/v1/email/messages/not-an-id/classification", ann.accessToken(), Map.of("category", "spam"))
        .error(400, "validation_failed");
    assertThat(application.repositories().messages().findById(ann.id(), message.id())).contains(message);
  }

  @Test
  void an_unknown_message_is_not_found() {
    Session ann = user();
    String unknown = "/api/v1/email/messages/" + EmailMessageId.random() + "/classification";

    client.get(unknown, ann.accessToken()).error(404, "not_found");
    client.post(unknown, ann.accessToken(), Map.of("category", "spam")).error(404, "not_found");
  }
}
