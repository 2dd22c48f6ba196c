package dev.va.adapter.web.replies;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Response;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.TestApplication;
import dev.va.adapter.web.WebServer;
import dev.va.adapter.web.identity.IdentityRoutes;
import dev.va.adapter.web.triage.TriageRoutes;
import dev.va.application.port.out.MessageQuery;
import dev.va.application.triage.rules.RuleDocument;
import dev.va.application.triage.rules.RuleProblem;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.user.UserId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The rules API over HTTP, on the real use cases over the fakes. Every test has users of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RulesApiTest {
  private static final String LABEL_ALL = "{\"when\": {\"all\": []}, \"then\": [{\"action\": \"flag\"}]}";

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
    return client.signUp("rules" + names.incrementAndGet());
  }

  private static JsonNode json(String text) {
    try {
      return ApiClient.JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static Map<String, Object> rule(String name, int priority, String document) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("priority", priority);
    body.put("document", json(document));
    return body;
  }

  private JsonNode create(Session user, String name, int priority, String document) {
    return client.post(RepliesRoutes.RULES, user.accessToken(), rule(name, priority, document)).ok(201);
  }

  private String template(Session user, boolean approved) {
    JsonNode template = client.post(RepliesRoutes.TEMPLATES, user.accessToken(),
        Map.of("name", "Thanks", "body", "Thanks {{sender_name}}, we got it.")).ok(201);
    String id = template.get("id").asText();
    if (approved) client.post(RepliesRoutes.TEMPLATES + "/" + id + "/approve", user.accessToken(), null).ok(200);
    return id;
  }

  private List<String> auditActions(Session user) {
    List<String> actions = new ArrayList<>();
    client.get(IdentityRoutes.AUDIT + "?limit=200", user.accessToken()).ok(200).get("items")
        .forEach(e -> actions.add(e.get("action").asText()));
    return actions;
  }

  @Test
  void aCreatedRuleIsStoredAsVersionOneAndListedInRunOrder() {
    Session user = user();
    Response created = client.post(RepliesRoutes.RULES, user.accessToken(), rule("Later", 20, LABEL_ALL));
    JsonNode first = created.ok(201);
    JsonNode second = create(user, "Sooner", 5, LABEL_ALL);
    Map<String, Object> disabled = rule("Off", 10, LABEL_ALL);
    disabled.put("enabled", false);
    JsonNode third = client.post(RepliesRoutes.RULES, user.accessToken(), disabled).ok(201);

    assertThat(created.header("Location")).isEqualTo(RepliesRoutes.RULES + "/" + first.get("id").asText());
    assertThat(first.get("version").asInt()).isEqualTo(1);
    assertThat(first.get("enabled").asBoolean()).isTrue();
    assertThat(third.get("enabled").asBoolean()).isFalse();
    assertThat(first.get("document")).isEqualTo(json(LABEL_ALL));
    assertThat(client.get(RepliesRoutes.RULES, user.accessToken()).ok(200).get("items"))
        .extracting(n -> n.get("name").asText()).containsExactly("Sooner", "Off", "Later");
    assertThat(client.get(RepliesRoutes.RULES + "/" + second.get("id").asText(), user.accessToken()).ok(200))
        .isEqualTo(second);
    assertThat(auditActions(user)).contains("rule.created");
  }

  @Test
  void everyProblemOfADocumentIsReportedWithItsPath() {
    Session user = user();
    String document = """
        {"when": {"any": [
            {"field": "subjekt", "op": "contains", "value": "x"},
            {"field": "size", "op": "contains", "value": 3},
            {"field": "subject", "op": "matches", "value": "(unclosed"},
            {"not": {"field": "confidence", "op": "greater_than", "value": 2}}]},
         "then": [{"action": "stop"}, {"action": "label"}, {"action": "explode"}],
         "priority": 1}
        """;

    JsonNode error = client.post(RepliesRoutes.RULES, user.accessToken(), rule("Broken", 1, document))
        .error(400, "invalid_rule");

    assertThat(error.get("field").asText()).isEqualTo("document");
    List<String> paths = new ArrayList<>();
    error.get("details").forEach(d -> paths.add(d.get("path").asText()));
    assertThat(paths).contains("$.priority", "$.when.any[0].field", "$.when.any[1].op", "$.when.any[2].value",
        "$.when.any[3].not.value", "$.then[0]", "$.then[1]", "$.then[2].action");
    // exactly what the rules engine reports, in its order, message for message
    List<RuleProblem> expected = RuleDocument.validate(json(document).toString());
    assertThat(error.get("details")).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(error.get("details").get(i).get("path").asText()).isEqualTo(expected.get(i).path());
      assertThat(error.get("details").get(i).get("message").asText()).isEqualTo(expected.get(i).message());
    }
    assertThat(client.get(RepliesRoutes.RULES, user.accessToken()).ok(200).get("items")).isEmpty();
  }

  @Test
  void aTemplateNamedByARuleMustBeOneOfTheUsers() {
    Session user = user();
    String foreign = template(user(), true);
    String unknown = UUID.randomUUID().toString();
    String mine = template(user, false);
    String document = "{\"when\": {\"all\": []}, \"then\": [{\"action\": \"auto_reply\", \"template\": \"" + foreign
        + "\"}, {\"action\": \"draft_reply\", \"template\": \"" + unknown + "\"}, {\"action\": \"draft_reply\", "
        + "\"template\": \"" + mine + "\"}]}";

    JsonNode error = client.post(RepliesRoutes.RULES, user.accessToken(), rule("Replies", 1, document))
        .error(400, "invalid_rule");

    assertThat(error.get("details")).extracting(d -> d.get("path").asText())
        .containsExactly("$.then[0].template", "$.then[1].template");
    assertThat(error.get("details").get(0).get("message").asText()).contains(foreign);
  }

  @Test
  void aCategoryNamedByARuleMustBeBuiltInOrTheUsers() {
    Session user = user();
    Session other = user();
    client.post(TriageRoutes.CATEGORIES, other.accessToken(), Map.of("name", "receipts", "description", "Shop receipts"))
        .ok(201);
    String document = "{\"when\": {\"any\": [{\"field\": \"category\", \"op\": \"equals\", \"value\": \"invoices\"}, "
        + "{\"field\": \"category\", \"op\": \"in\", \"value\": [\"spam\", \"receipts\"]}]}, "
        + "\"then\": [{\"action\": \"flag\"}]}";

    JsonNode error = client.post(RepliesRoutes.RULES, user.accessToken(), rule("Bills", 1, document))
        .error(400, "invalid_rule");

    assertThat(error.get("details")).extracting(d -> d.get("path").asText())
        .containsExactly("$.when.any[0].value", "$.when.any[1].value[1]");
    assertThat(error.get("details").get(0).get("message").asText()).contains("\"invoices\"");
    client.post(TriageRoutes.CATEGORIES, user.accessToken(), Map.of("name", "invoices", "description", "Bills"))
        .ok(201);
    client.post(TriageRoutes.CATEGORIES, user.accessToken(), Map.of("name", "receipts", "description", "Receipts"))
        .ok(201);
    client.post(RepliesRoutes.RULES, user.accessToken(), rule("Bills", 1, document)).ok(201);
  }

  @Test
  void requestFieldsOutsideTheDocumentAreCheckedToo() {
    Session user = user();
    Map<String, Object> noDocument = new LinkedHashMap<>(rule("x", 1, LABEL_ALL));
    noDocument.remove("document");
    Map<String, Object> badPriority = rule("x", -1, LABEL_ALL);
    Map<String, Object> blankName = rule(" ", 1, LABEL_ALL);

    assertThat(client.post(RepliesRoutes.RULES, user.accessToken(), noDocument).error(400, "validation_failed")
        .get("field").asText()).isEqualTo("document");
    assertThat(client.post(RepliesRoutes.RULES, user.accessToken(), badPriority).error(400, "validation_failed")
        .get("field").asText()).isEqualTo("priority");
    assertThat(client.post(RepliesRoutes.RULES, user.accessToken(), blankName).error(400, "validation_failed")
        .get("field").asText()).isEqualTo("name");
    JsonNode notAnObject = client.post(RepliesRoutes.RULES, user.accessToken(),
        Map.of("name", "x", "priority", 1, "document", "when and then")).error(400, "invalid_rule");
    assertThat(notAnObject.get("details").get(0).get("path").asText()).isEqualTo("$");
    assertThat(client.post(RepliesRoutes.RULES, user.accessToken(),
        Map.of("name", "x", "priority", 1, "document", json(LABEL_ALL), "colour", "red"))
        .error(400, "unknown_field").get("field").asText()).isEqualTo("colour");
  }

  @Test
  void everyChangeIsANewVersionAndEveryVersionStaysReadable() {
    Session user = user();
    String id = create(user, "Flag", 10, LABEL_ALL).get("id").asText();
    String rule = RepliesRoutes.RULES + "/" + id;
    String second = "{\"when\": {\"field\": \"subject\", \"op\": \"contains\", \"value\": \"urgent\"}, "
        + "\"then\": [{\"action\": \"flag\"}]}";
    Map<String, Object> put = rule("Urgent", 3, second);
    put.put("version", 1);

    JsonNode v2 = client.send("PUT", rule, user.accessToken(), put).ok(200);
    JsonNode v3 = client.send("PATCH", rule, user.accessToken(), Map.of("enabled", false, "version", 2)).ok(200);

    assertThat(v2.get("version").asInt()).isEqualTo(2);
    assertThat(v2.get("document")).isEqualTo(json(second));
    assertThat(v3.get("version").asInt()).isEqualTo(3);
    assertThat(v3.get("name").asText()).isEqualTo("Urgent");
    assertThat(v3.get("enabled").asBoolean()).isFalse();
    JsonNode versions = client.get(rule + "/versions", user.accessToken()).ok(200).get("items");
    assertThat(versions).extracting(v -> v.get("version").asInt()).containsExactly(1, 2, 3);
    assertThat(versions.get(0).get("document")).isEqualTo(json(LABEL_ALL));
    assertThat(client.get(rule + "/versions/2", user.accessToken()).ok(200)).isEqualTo(v2);
    client.get(rule + "/versions/4", user.accessToken()).error(404, "not_found");
    client.get(rule + "/versions/two", user.accessToken()).error(400, "validation_failed");
    assertThat(auditActions(user)).filteredOn("rule.changed"::equals).hasSize(2);
  }

  @Test
  void aChangeAgainstAStaleVersionIsAConflictAndChangesNothing() {
    Session user = user();
    String rule = RepliesRoutes.RULES + "/" + create(user, "Flag", 10, LABEL_ALL).get("id").asText();
    client.send("PATCH", rule, user.accessToken(), Map.of("name", "Mine", "version", 1)).ok(200);

    JsonNode stale = client.send("PATCH", rule, user.accessToken(), Map.of("name", "Theirs", "version", 1))
        .error(409, "version_conflict");
    Map<String, Object> put = rule("Theirs", 1, LABEL_ALL);
    put.put("version", 1);
    client.send("PUT", rule, user.accessToken(), put).error(409, "version_conflict");

    assertThat(stale.get("message").asText()).contains("version 2");
    JsonNode current = client.get(rule, user.accessToken()).ok(200);
    assertThat(current.get("name").asText()).isEqualTo("Mine");
    assertThat(current.get("version").asInt()).isEqualTo(2);
    assertThat(client.get(rule + "/versions", user.accessToken()).ok(200).get("items")).hasSize(2);
  }

  @Test
  void anInvalidChangeKeepsTheStoredVersion() {
    Session user = user();
    String rule = RepliesRoutes.RULES + "/" + create(user, "Flag", 10, LABEL_ALL).get("id").asText();

    JsonNode error = client.send("PATCH", rule, user.accessToken(),
        Map.of("document", json("{\"when\": {\"all\": []}, \"then\": []}"))).error(400, "invalid_rule");
    Map<String, Object> incomplete = new LinkedHashMap<>();
    incomplete.put("name", "No document");
    incomplete.put("priority", 1);
    client.send("PUT", rule, user.accessToken(), incomplete).error(400, "validation_failed");

    assertThat(error.get("details").get(0).get("path").asText()).isEqualTo("$.then");
    assertThat(client.get(rule, user.accessToken()).ok(200).get("version").asInt()).isEqualTo(1);
  }

  @Test
  void aRuleWhoseTemplateWasDeletedCanBeSwitchedOffButNotRestoredAsIs() {
    Session user = user();
    String template = template(user, true);
    String document = "{\"when\": {\"all\": []}, \"then\": [{\"action\": \"auto_reply\", \"template\": \""
        + template + "\"}]}";
    String rule = RepliesRoutes.RULES + "/" + create(user, "Away", 1, document).get("id").asText();
    client.send("DELETE", RepliesRoutes.TEMPLATES + "/" + template, user.accessToken(), null);

    JsonNode off = client.send("PATCH", rule, user.accessToken(), Map.of("enabled", false)).ok(200);
    JsonNode error = client.send("PATCH", rule, user.accessToken(), Map.of("document", json(document)))
        .error(400, "invalid_rule");

    assertThat(off.get("enabled").asBoolean()).isFalse();
    assertThat(error.get("details")).extracting(d -> d.get("path").asText()).containsExactly("$.then[0].template");
  }

  @Test
  void aDeletedRuleIsGoneButItsVersionsRemain() {
    Session user = user();
    String rule = RepliesRoutes.RULES + "/" + create(user, "Flag", 10, LABEL_ALL).get("id").asText();

    assertThat(client.send("DELETE", rule, user.accessToken(), null).status()).isEqualTo(204);

    client.get(rule, user.accessToken()).error(404, "not_found");
    client.send("DELETE", rule, user.accessToken(), null).error(404, "not_found");
    client.send("PATCH", rule, user.accessToken(), Map.of("name", "x")).error(404, "not_found");
    assertThat(client.get(rule + "/versions", user.accessToken()).ok(200).get("items")).hasSize(1);
    assertThat(auditActions(user)).contains("rule.deleted");
  }

  @Test
  void aPreviewShowsWhatTheRuleWouldDoAndChangesNothing() {
    Session user = user();
    UserId owner = user.id();
    EmailAccount account = Mailboxes.account(application.repositories(), owner);
    EmailMessage invoice = Mailboxes.mail(application.repositories(), account, "Ann Client <ann@clients.test>",
        "Invoice 42", "Mon, 2 Jun 2025 09:00:00 +0000", "");
    Mailboxes.mail(application.repositories(), account, "bob@clients.test", "Team lunch",
        "Mon, 2 Jun 2025 10:00:00 +0000", "");
    EmailMessage bulk = Mailboxes.mail(application.repositories(), account, "billing@shop.test",
        "Invoice reminder", "Mon, 2 Jun 2025 11:00:00 +0000", "Precedence: bulk\n");
    String approved = template(user, true);
    String document = "{\"when\": {\"field\": \"subject\", \"op\": \"contains\", \"value\": \"invoice\"}, "
        + "\"then\": [{\"action\": \"label\", \"value\": \"billing\"}, {\"action\": \"auto_reply\", "
        + "\"template\": \"" + approved + "\"}]}";
    JsonNode rule = create(user, "Invoices", 1, document);
    String ruleUrl = RepliesRoutes.RULES + "/" + rule.get("id").asText();
    client.send("PATCH", ruleUrl, user.accessToken(), Map.of("enabled", false)).ok(200);
    var messagesBefore = application.repositories().messages().list(MessageQuery.all(owner, 100)).items();
    List<String> auditBefore = auditActions(user);

    JsonNode preview = client.post(ruleUrl + "/preview", user.accessToken(), null).ok(200);
    JsonNode unsaved = client.post(RepliesRoutes.RULES_PREVIEW, user.accessToken(),
        Map.of("document", json(document), "messages", 2)).ok(200);

    assertThat(preview.get("examined").asInt()).isEqualTo(3);
    assertThat(preview.get("rule").get("id").asText()).isEqualTo(rule.get("id").asText());
    assertThat(preview.get("rule").get("version").asInt()).isEqualTo(2);
    JsonNode matches = preview.get("matches");
    assertThat(matches).extracting(m -> m.get("message_id").asText())
        .containsExactly(bulk.id().toString(), invoice.id().toString());
    JsonNode allowed = matches.get(1);
    assertThat(allowed.get("matched").get(0).asText()).contains("subject contains \"invoice\"");
    assertThat(allowed.get("actions")).containsExactly(json("{\"action\": \"label\", \"value\": \"billing\"}"));
    assertThat(allowed.get("auto_reply").get("send").asBoolean()).isTrue();
    assertThat(allowed.get("auto_reply").get("reply_to").asText()).isEqualTo("ann@clients.test");
    assertThat(allowed.get("auto_reply").get("template_id").asText()).isEqualTo(approved);
    assertThat(matches.get(0).get("auto_reply").get("send").asBoolean()).isFalse();
    assertThat(matches.get(0).get("auto_reply").get("reason").asText()).isEqualTo("Precedence: bulk");
    assertThat(unsaved.get("examined").asInt()).isEqualTo(2);
    assertThat(unsaved.get("rule").get("id").isNull()).isTrue();
    assertThat(unsaved.get("matches")).extracting(m -> m.get("message_id").asText())
        .containsExactly(bulk.id().toString());
    // nothing changed: messages, outbox, queue, rules, audit log
    assertThat(application.repositories().messages().list(MessageQuery.all(owner, 100)).items())
        .isEqualTo(messagesBefore);
    assertThat(client.get(RepliesRoutes.OUTBOX, user.accessToken()).ok(200).get("items")).isEmpty();
    assertThat(client.get(ruleUrl, user.accessToken()).ok(200).get("version").asInt()).isEqualTo(2);
    assertThat(client.get(RepliesRoutes.RULES, user.accessToken()).ok(200).get("items")).hasSize(1);
    assertThat(auditActions(user)).isEqualTo(auditBefore);
  }

  @Test
  void aPreviewShowsThatAnUnapprovedTemplateIsNeverSent() {
    Session user = user();
    EmailAccount account = Mailboxes.account(application.repositories(), user.id());
    Mailboxes.mail(application.repositories(), account, "ann@clients.test", "Invoice 7",
        "Mon, 2 Jun 2025 09:00:00 +0000", "");
    String document = "{\"when\": {\"all\": []}, \"then\": [{\"action\": \"auto_reply\", \"template\": \""
        + template(user, false) + "\"}]}";

    JsonNode preview = client.post(RepliesRoutes.RULES_PREVIEW, user.accessToken(),
        Map.of("document", json(document))).ok(200);

    JsonNode autoReply = preview.get("matches").get(0).get("auto_reply");
    assertThat(autoReply.get("send").asBoolean()).isFalse();
    assertThat(autoReply.get("reason").asText()).isEqualTo("template not approved");
  }

  @Test
  void aPreviewLooksAtOneTo500Messages() {
    Session user = user();
    String rule = RepliesRoutes.RULES + "/" + create(user, "Flag", 10, LABEL_ALL).get("id").asText();
    ObjectNode tooMany = ApiClient.JSON.createObjectNode().put("messages", 501);

    assertThat(client.post(rule + "/preview", user.accessToken(), tooMany).error(400, "validation_failed")
        .get("field").asText()).isEqualTo("messages");
    client.post(rule + "/preview", user.accessToken(), Map.of("messages", 0)).error(400, "validation_failed");
    assertThat(client.post(rule + "/preview", user.accessToken(), Map.of("messages", 500)).ok(200)
        .get("examined").asInt()).isZero();
    client.post(RepliesRoutes.RULES_PREVIEW, user.accessToken(), Map.of("document", json("{\"when\": {}}")))
        .error(400, "invalid_rule");
  }

  @Test
  void anotherUsersRuleIsNotFound() {
    Session owner = user();
    String rule = RepliesRoutes.RULES + "/" + create(owner, "Flag", 10, LABEL_ALL).get("id").asText();
    Session other = user();

    client.get(rule, other.accessToken()).error(404, "not_found");
    client.get(rule + "/versions", other.accessToken()).error(404, "not_found");
    client.send("PUT", rule, other.accessToken(), rule("x", 1, LABEL_ALL)).error(404, "not_found");
    client.post(rule + "/preview", other.accessToken(), null).error(404, "not_found");
    client.send("DELETE", rule, other.accessToken(), null).error(404, "not_found");
    assertThat(client.get(rule, owner.accessToken()).ok(200).get("version").asInt()).isEqualTo(1);
  }
}
