package dev.va.application.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.json.Json;
import dev.va.application.triage.TestMessages;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RuleDocumentTest {
  private static final String TEMPLATE = "6f1c1b1e-8d4b-4c5a-9a43-2f9f3b1d7e10";

  private static final EmailMessage CLIENT = TestMessages.parse("""
      From: "Doe, Jane" <Jane.Doe@Example.com>
      To: Me <me@va.test>, team@va.test
      Cc: boss@va.test
      Subject: Invoice 2041 overdue?
      Date: Tue, 4 Mar 2025 22:30:00 +0000
      List-Id: <clients.example.com>
      Message-ID: <abc@example.com>

      Hello, could you check the invoice?
      """);

  private static RuleInput input(EmailMessage m) {
    return new RuleInput(m, Category.IMPORTANT, 0.93, true);
  }

  private static List<String> problems(String json) {
    return RuleDocument.validate(json).stream().map(RuleProblem::toString).toList();
  }

  private static List<String> matched(String when) {
    RuleDocument doc = RuleDocument.parse("{\"when\": " + when + ", \"then\": [{\"action\": \"flag\"}]}");
    List<String> why = new ArrayList<>();
    return doc.matches(input(CLIENT), why) ? why : null;
  }

  @Test
  void compilesTheDocumentedExample() {
    RuleDocument doc = RuleDocument.parse("""
        {"when": {"all": [{"field": "from", "op": "ends_with", "value": "@example.com"},
                          {"not": {"field": "category", "op": "equals", "value": "spam"}}]},
         "then": [{"action": "flag"}, {"action": "label", "value": "clients"},
                  {"action": "auto_reply", "template": "%s"}, {"action": "stop"}]}
        """.formatted(TEMPLATE));
    assertThat(doc.actions()).containsExactly(new RuleAction.Flag(), new RuleAction.Label("clients"),
        new RuleAction.AutoReply(UUID.fromString(TEMPLATE), Duration.ofDays(7)), new RuleAction.Stop());
    List<String> why = new ArrayList<>();
    assertThat(doc.matches(input(CLIENT), why)).isTrue();
    assertThat(why).containsExactly("from ends_with \"@example.com\" (matched \"jane.doe@example.com\")",
        "not category equals \"spam\"");
  }

  @Test
  void reportsEveryProblemWithItsPath() {
    assertThat(problems("""
        {"when": {"any": [
            {"field": "subject", "op": "contains", "value": "a"},
            {"field": "size", "op": "greater_than", "value": "big"},
            {"field": "subject", "op": "containz", "value": "x"},
            {"field": "colour", "op": "equals", "value": "red"},
            {"field": "subject", "value": "x", "extra": 1},
            {"field": "subject", "op": "greater_than", "value": 3},
            {"field": "subject", "op": "matches", "value": "(unclosed"},
            {"field": "header", "op": "exists"},
            {"field": "category", "op": "in", "value": ["spam", "Not A Category"]},
            {"field": "weekday", "op": "in", "value": ["mon", "funday"], "zone": "Mars/Olympus"},
            {"field": "received", "op": "between", "value": ["25:00", "08:00"]},
            {"field": "needs_reply", "op": "equals", "value": "yes"},
            {"field": "confidence", "op": "less_than", "value": 1.5}
         ]},
         "then": [{"action": "stop"}, {"action": "label"}, {"action": "notify", "url": "ftp://x.test/h"},
                  {"action": "notify", "url": "https://user:pw@hooks.test/x"},
                  {"action": "auto_reply", "template": "nope", "period_days": 0},
                  {"action": "explode"}],
         "else": []}
        """)).containsExactly(
        "$.else: unknown key \"else\" (allowed here: then, when)",
        "$.when.any[1].value: must be a number for greater_than, not string",
        "$.when.any[2].op: unknown operator \"containz\"",
        "$.when.any[3].field: unknown field \"colour\" (one of: body, category, cc, confidence, from,"
            + " has_attachment, header, needs_reply, received, size, subject, to, weekday)",
        "$.when.any[4]: missing \"op\"",
        "$.when.any[4].extra: unknown key \"extra\" (allowed here: case_sensitive, field, op, value)",
        "$.when.any[5].op: operator \"greater_than\" does not apply to field \"subject\" (one of: contains,"
            + " ends_with, equals, in, matches, starts_with)",
        "$.when.any[6].value: invalid regular expression: missing closing )",
        "$.when.any[7]: missing \"name\"",
        "$.when.any[8].value[1]: category must start with a letter and hold only a-z, 0-9 and '_' (at most 50)",
        "$.when.any[9].zone: unknown time zone \"Mars/Olympus\" (an IANA name such as Europe/Paris)",
        "$.when.any[9].value[1]: unknown weekday \"funday\" (mon, tue, wed, thu, fri, sat, sun)",
        "$.when.any[10].value[0]: must be a time HH:mm, not \"25:00\"",
        "$.when.any[11].value: must be true or false, not string",
        "$.when.any[12].value: confidence is between 0 and 1",
        "$.then[0]: \"stop\" must be the last action",
        "$.then[1]: missing \"value\"",
        "$.then[2].url: must be an http or https URL",
        "$.then[3].url: must not carry a user name or password",
        "$.then[4].template: must be a template id (a UUID)",
        "$.then[4].period_days: must be a whole number of days from 1 to 365",
        "$.then[5].action: unknown action \"explode\" (one of: archive, auto_reply, draft_reply, flag, label,"
            + " mark_read, move, notify, stop, unflag)");
  }

  @Test
  void rejectsMissingPartsAndWrongShapes() {
    assertThat(problems("{}")).containsExactly("$: missing \"when\"", "$: missing \"then\"");
    assertThat(problems("[]")).containsExactly("$: must be an object, not array");
    assertThat(problems("{\"when\": {\"any\": []}, \"then\": []}"))
        .containsExactly("$.when.any: needs at least one condition", "$.then: needs at least one action");
    assertThat(problems("{\"when\": {\"not\": 3}, \"then\": [{\"action\": \"flag\"}]}"))
        .containsExactly("$.when.not: must be an object, not number");
    assertThat(problems("{\"when\": {\"all\": [], \"any\": []}, \"then\": [{\"action\": \"flag\"}]}"))
        .containsExactly("$.when.any: unknown key \"any\" (allowed here: all)");
    assertThat(problems("{\"when\": {\"all\": []}, \"then\": [{\"action\": \"flag\"}"))
        .singleElement().asString().startsWith("$: not valid JSON: unexpected end of input");
  }

  @Test
  void capsNestingAndPatternLength() {
    String leaf = "{\"field\": \"subject\", \"op\": \"contains\", \"value\": \"x\"}";
    String deep = "{\"not\": ".repeat(8) + leaf + "}".repeat(8);
    assertThat(problems("{\"when\": " + deep + ", \"then\": [{\"action\": \"flag\"}]}"))
        .containsExactly("$.when" + ".not".repeat(8) + ": conditions nest deeper than 8 levels");
    String longPattern = "a".repeat(501);
    assertThat(problems("{\"when\": {\"field\": \"body\", \"op\": \"matches\", \"value\": \"" + longPattern
        + "\"}, \"then\": [{\"action\": \"flag\"}]}"))
        .containsExactly("$.when.value: pattern longer than 500 characters");
  }

  @Test
  void theExceptionCarriesTheProblemsAndNamesTheDocument() {
    assertThatThrownBy(() -> RuleDocument.parse("{\"when\": {}, \"then\": [{\"action\": \"flag\"}]}"))
        .isInstanceOfSatisfying(RuleValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("document");
          assertThat(e.problems()).containsExactly(
              new RuleProblem("$.when", "expected \"field\" and \"op\", or one of \"all\", \"any\", \"not\""));
        });
  }

  @Test
  void textConditionsLookAtAddressesAndDisplayNamesCaseInsensitively() {
    assertThat(matched("{\"field\": \"from\", \"op\": \"contains\", \"value\": \"doe, jane\"}")).isNotNull();
    assertThat(matched("{\"field\": \"from\", \"op\": \"equals\", \"value\": \"jane.doe@example.com\"}"))
        .isNotNull();
    assertThat(matched("{\"field\": \"from\", \"op\": \"equals\", \"value\": \"Jane.Doe@example.com\","
        + " \"case_sensitive\": true}")).isNull();
    assertThat(matched("{\"field\": \"to\", \"op\": \"in\", \"value\": [\"x@y.z\", \"TEAM@va.test\"]}"))
        .containsExactly("to in [\"x@y.z\", \"team@va.test\"] (matched \"team@va.test\")");
    assertThat(matched("{\"field\": \"cc\", \"op\": \"starts_with\", \"value\": \"boss@\"}")).isNotNull();
    assertThat(matched("{\"field\": \"subject\", \"op\": \"matches\", \"value\": \"^invoice \\\\d+\"}"))
        .containsExactly("subject matches \"^invoice \\\\d+\" (matched \"Invoice 2041 overdue?\")");
    assertThat(matched("{\"field\": \"subject\", \"op\": \"matches\", \"value\": \"^invoice\","
        + " \"case_sensitive\": true}")).isNull();
    assertThat(matched("{\"field\": \"body\", \"op\": \"contains\", \"value\": \"COULD YOU\"}"))
        .containsExactly("body contains \"could you\"");
    assertThat(matched("{\"field\": \"header\", \"name\": \"List-Id\", \"op\": \"ends_with\","
        + " \"value\": \"example.com>\"}")).isNotNull();
    assertThat(matched("{\"field\": \"header\", \"name\": \"list-unsubscribe\", \"op\": \"exists\"}")).isNull();
  }

  @Test
  void classificationNumbersAndTimes() {
    assertThat(matched("{\"field\": \"category\", \"op\": \"in\", \"value\": [\"important\", \"personal\"]}"))
        .containsExactly("category in [\"important\", \"personal\"]");
    assertThat(matched("{\"field\": \"confidence\", \"op\": \"greater_than\", \"value\": 0.9}"))
        .containsExactly("confidence greater_than 0.9 (was 0.93)");
    assertThat(matched("{\"field\": \"size\", \"op\": \"less_than\", \"value\": 100}")).isNull();
    assertThat(matched("{\"field\": \"size\", \"op\": \"greater_than\", \"value\": 100}")).isNotNull();
    assertThat(matched("{\"field\": \"needs_reply\", \"op\": \"equals\", \"value\": true}")).isNotNull();
    assertThat(matched("{\"field\": \"has_attachment\", \"op\": \"equals\", \"value\": true}")).isNull();
    // 22:30 UTC is 23:30 in Paris: inside a window that wraps midnight
    assertThat(matched("{\"field\": \"received\", \"op\": \"between\", \"value\": [\"22:00\", \"06:00\"],"
        + " \"zone\": \"Europe/Paris\"}"))
        .containsExactly("received between 22:00 and 06:00 Europe/Paris (was 23:30)");
    assertThat(matched("{\"field\": \"received\", \"op\": \"between\", \"value\": [\"09:00\", \"17:00\"]}"))
        .isNull();
    // Tuesday 22:30 UTC is already Wednesday in Tokyo
    assertThat(matched("{\"field\": \"weekday\", \"op\": \"in\", \"value\": [\"wed\"], \"zone\": \"Asia/Tokyo\"}"))
        .containsExactly("weekday in [\"wed\"] Asia/Tokyo (was wed)");
    assertThat(matched("{\"field\": \"weekday\", \"op\": \"equals\", \"value\": \"Tuesday\"}")).isNotNull();
  }

  @Test
  void combinatorsExplainOnlyTheBranchesThatHeld() {
    assertThat(matched("""
        {"any": [{"all": [{"field": "subject", "op": "contains", "value": "invoice"},
                          {"field": "size", "op": "greater_than", "value": 1000000}]},
                 {"field": "category", "op": "equals", "value": "important"}]}
        """)).containsExactly("category equals \"important\"");
    assertThat(matched("{\"all\": []}")).containsExactly("always");
    assertThat(matched("{\"not\": {\"field\": \"category\", \"op\": \"equals\", \"value\": \"important\"}}"))
        .isNull();
  }

  @Test
  void userPatternsCannotHangTheEvaluator() {
    RuleDocument doc = RuleDocument.parse(
        "{\"when\": {\"field\": \"body\", \"op\": \"matches\", \"value\": \"^(a+)+$\"},"
            + " \"then\": [{\"action\": \"flag\"}]}");
    EmailMessage evil = TestMessages.parse("Subject: x\n\n" + "a".repeat(50_000) + "!");
    long start = System.nanoTime();
    assertThat(doc.matches(new RuleInput(evil, Category.PERSONAL, 0.5, false), new ArrayList<>())).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void actionsCarryTheirParameters() {
    RuleDocument doc = RuleDocument.parse("""
        {"when": {"all": []}, "then": [
          {"action": "unflag"}, {"action": "move", "folder": " Clients/2025 "}, {"action": "archive"},
          {"action": "mark_read"}, {"action": "draft_reply", "template": "%1$s"},
          {"action": "notify", "url": "https://hooks.example.com/va?k=1"},
          {"action": "auto_reply", "template": "%1$s", "period_days": 30}]}
        """.formatted(TEMPLATE));
    assertThat(doc.actions()).containsExactly(new RuleAction.Unflag(), new RuleAction.Move("Clients/2025"),
        new RuleAction.Archive(), new RuleAction.MarkRead(),
        new RuleAction.DraftReply(UUID.fromString(TEMPLATE), false),
        new RuleAction.Notify(URI.create("https://hooks.example.com/va?k=1")),
        new RuleAction.AutoReply(UUID.fromString(TEMPLATE), Duration.ofDays(30)));
  }

  @Test
  void aDraftIsWrittenByTheLanguageModelUnlessItNamesATemplateOrSaysOtherwise() {
    UUID template = UUID.fromString(TEMPLATE);
    String[] shapes = {
        "{\"action\": \"draft_reply\"}",
        "{\"action\": \"draft_reply\", \"llm\": false}",
        "{\"action\": \"draft_reply\", \"template\": \"" + TEMPLATE + "\"}",
        "{\"action\": \"draft_reply\", \"template\": \"" + TEMPLATE + "\", \"llm\": true}"};
    List<RuleAction> expected = List.of(new RuleAction.DraftReply(null, true),
        new RuleAction.DraftReply(null, false), new RuleAction.DraftReply(template, false),
        new RuleAction.DraftReply(template, true));

    for (int i = 0; i < shapes.length; i++) {
      RuleAction action = RuleDocument.parse("{\"when\": {\"all\": []}, \"then\": [" + shapes[i] + "]}")
          .actions().get(0);
      assertThat(action).isEqualTo(expected.get(i));
      // the explanation shows the action as it was written
      assertThat(Json.write(action.toJson())).isEqualTo(Json.write(Json.parse(shapes[i])));
    }
    assertThat(problems("""
        {"when": {"all": []}, "then": [{"action": "draft_reply", "llm": "yes"},
          {"action": "draft_reply", "template": null, "llm": true}, {"action": "draft_reply", "tone": "warm"}]}"""))
        .containsExactly("$.then[0].llm: must be true or false, not string",
            "$.then[1].template: must be a string, not null",
            "$.then[2].tone: unknown key \"tone\" (allowed here: action, llm, template)");
  }
}
