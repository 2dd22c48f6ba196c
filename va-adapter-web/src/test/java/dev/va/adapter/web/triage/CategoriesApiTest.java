package dev.va.adapter.web.triage;

import static dev.va.application.fixture.EmailAccountBuilder.anImapAccount;
import static dev.va.application.fixture.EmailMessageBuilder.aMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.TestApplication;
import dev.va.adapter.web.WebServer;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.UserCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The caller's categories over HTTP, and corrections into them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CategoriesApiTest {
  private static final String CATEGORIES = "/api/v1/email/categories";

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
    return client.signUp("sorter" + names.incrementAndGet());
  }

  private ApiClient.Response create(Session session, Object name, Object description) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("name", name);
    body.put("description", description);
    return client.post(CATEGORIES, session.accessToken(), body);
  }

  private ApiClient.Response patch(Session session, String name, Map<String, ?> body) {
    return client.send("PATCH", CATEGORIES + "/" + name, session.accessToken(), body);
  }

  private ApiClient.Response delete(Session session, String name) {
    return client.send("DELETE", CATEGORIES + "/" + name, session.accessToken(), null);
  }

  private static List<String> namesIn(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.get("items").forEach(item -> out.add(item.get("name").asText()));
    return out;
  }

  @Test
  void creates_lists_shows_describes_and_deletes_a_category() {
    Session ann = user();

    ApiClient.Response created = create(ann, "Invoices", "Bills and payment reminders");
    JsonNode body = created.ok(201);
    assertThat(created.header("Location")).isEqualTo(CATEGORIES + "/invoices");
    assertThat(body.get("name").asText()).isEqualTo("invoices");
    assertThat(body.get("description").asText()).isEqualTo("Bills and payment reminders");
    assertThat(body.get("built_in").asBoolean()).isFalse();
    assertThat(body.get("created_at").asText()).isEqualTo(application.clock().instant().toString());

    JsonNode list = client.get(CATEGORIES, ann.accessToken()).ok(200);
    assertThat(namesIn(list)).containsExactly("important", "needs_reply", "newsletter", "promotion",
        "notification", "personal", "spam", "invoices");
    JsonNode spam = list.get("items").get(6);
    assertThat(spam.get("built_in").asBoolean()).isTrue();
    assertThat(spam.get("description").asText()).isEqualTo("unsolicited or fraudulent");
    assertThat(spam.get("created_at").isNull()).isTrue();

    assertThat(client.get(CATEGORIES + "/invoices", ann.accessToken()).ok(200)).isEqualTo(body);
    assertThat(client.get(CATEGORIES + "/newsletter", ann.accessToken()).ok(200).get("built_in").asBoolean())
        .isTrue();

    JsonNode described = patch(ann, "invoices", Map.of("description", "Bills only")).ok(200);
    assertThat(described.get("description").asText()).isEqualTo("Bills only");
    assertThat(described.get("name").asText()).isEqualTo("invoices");

    assertThat(delete(ann, "invoices").status()).isEqualTo(204);
    client.get(CATEGORIES + "/invoices", ann.accessToken()).error(404, "not_found");
    delete(ann, "invoices").error(404, "not_found");
    assertThat(namesIn(client.get(CATEGORIES, ann.accessToken()).ok(200))).doesNotContain("invoices");

    List<AuditEvent> audit = application.repositories().audit().listByActor(ann.id(), PageRequest.first(10))
        .items();
    assertThat(audit).extracting(AuditEvent::action)
        .contains("category.created", "category.changed", "category.deleted");
    assertThat(audit).filteredOn(e -> e.action().startsWith("category."))
        .allSatisfy(e -> assertThat(e.targetId()).isEqualTo("invoices"));
  }

  @Test
  void bad_input_is_refused_naming_the_field() {
    Session ann = user();

    assertThat(create(ann, "9lives", "x").error(400, "validation_failed").get("field").asText()).isEqualTo("name");
    assertThat(create(ann, "Spam", "my spam").error(400, "validation_failed").get("field").asText())
        .isEqualTo("name");
    assertThat(create(ann, null, "x").error(400, "validation_failed").get("field").asText()).isEqualTo("name");
    assertThat(create(ann, "ok", "").error(400, "validation_failed").get("field").asText())
        .isEqualTo("description");
    assertThat(create(ann, "ok", "x".repeat(UserCategory.MAX_DESCRIPTION + 1)).error(400, "validation_failed")
        .get("field").asText()).isEqualTo("description");
    client.post(CATEGORIES, ann.accessToken(), Map.of("name", "ok", "description", "x", "colour", "red"))
        .error(400, "unknown_field");
    assertThat(client.get(CATEGORIES + "/Not%20a%20name!", ann.accessToken()).error(400, "validation_failed")
        .get("field").asText()).isEqualTo("category");
    create(ann, "ok", "fine").ok(201);
    assertThat(patch(ann, "ok", Map.of("description", " ")).error(400, "validation_failed").get("field")
        .asText()).isEqualTo("description");
    patch(ann, "ok", Map.of()).error(400, "validation_failed");
  }

  @Test
  void duplicates_built_in_categories_and_the_limit_are_conflicts() {
    Session ann = user();
    create(ann, "travel", "tickets").ok(201);

    assertThat(create(ann, "TRAVEL", "again").error(409, "duplicate").get("field").asText()).isEqualTo("name");
    patch(ann, "spam", Map.of("description", "mine")).error(409, "built_in_category");
    delete(ann, "personal").error(409, "built_in_category");
    for (int i = 1; i < UserCategory.MAX_PER_USER; i++) create(ann, "c" + i, "number " + i).ok(201);
    create(ann, "one_more", "too many").error(409, "category_limit");
  }

  @Test
  void another_users_category_is_not_found_and_a_correction_may_name_only_ones_own() {
    Session ann = user();
    Session bob = user();
    create(ann, "invoices", "Bills").ok(201);
    EmailAccount account = anImapAccount(bob.id()).build();
    application.repositories().accounts().insert(account);
    EmailMessage message = aMessage(account).build();
    application.repositories().messages().insertIfAbsent(message);
    String classification = "/api/v1/email/messages/" + message.id() + "/classification";

    client.get(CATEGORIES + "/invoices", bob.accessToken()).error(404, "not_found");
    patch(bob, "invoices", Map.of("description", "mine")).error(404, "not_found");
    delete(bob, "invoices").error(404, "not_found");
    assertThat(namesIn(client.get(CATEGORIES, bob.accessToken()).ok(200))).doesNotContain("invoices");
    assertThat(client.post(classification, bob.accessToken(), Map.of("category", "invoices"))
        .error(400, "validation_failed").get("field").asText()).isEqualTo("category");

    create(bob, "invoices", "Bob's bills").ok(201);
    JsonNode corrected = client.post(classification, bob.accessToken(), Map.of("category", "invoices")).ok(200);
    assertThat(corrected.get("category").asText()).isEqualTo("invoices");
    assertThat(client.get(CATEGORIES + "/invoices", ann.accessToken()).ok(200).get("description").asText())
        .isEqualTo("Bills");

    // deleted, the category stays on the message, which can still be listed by it
    assertThat(delete(bob, "invoices").status()).isEqualTo(204);
    JsonNode listed = client.get("/api/v1/email/messages?category=invoices", bob.accessToken()).ok(200);
    assertThat(listed.get("items")).hasSize(1);
    assertThat(listed.get("items").get(0).get("id").asText()).isEqualTo(message.id().toString());
  }
}
