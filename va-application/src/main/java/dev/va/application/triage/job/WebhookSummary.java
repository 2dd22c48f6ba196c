package dev.va.application.triage.job;

import dev.va.application.json.Json;
import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonNull;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.json.JsonValue.JsonString;
import dev.va.application.triage.TriageOutcome;
import dev.va.application.triage.rules.RuleApplication;
import dev.va.domain.mail.EmailMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON document a {@code notify} action posts: which message (sender, subject, time, never the body), how it
 * was classified, and which rule asked for the call. Documented in docs/TRIAGE.md.
 */
final class WebhookSummary {
  static final String EVENT = "message.triaged";

  private WebhookSummary() {}

  static String of(EmailMessage message, TriageOutcome outcome, RuleApplication rule, Instant now) {
    Map<String, JsonValue> rulePart = new LinkedHashMap<>();
    rulePart.put("id", new JsonString(rule.ruleId().toString()));
    rulePart.put("version", new JsonValue.JsonNumber(BigDecimal.valueOf(rule.ruleVersion())));
    rulePart.put("name", new JsonString(rule.ruleName()));

    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("event", new JsonString(EVENT));
    m.put("message_id", new JsonString(message.id().toString()));
    m.put("account_id", new JsonString(message.accountId().toString()));
    m.put("from", text(message.from()));
    m.put("subject", text(message.subject()));
    m.put("received_at", new JsonString(message.receivedAt().toString()));
    m.put("category", new JsonString(outcome.category().name()));
    m.put("confidence", new JsonValue.JsonNumber(BigDecimal.valueOf(outcome.confidence())));
    m.put("needs_reply", new JsonValue.JsonBool(outcome.needsReply()));
    m.put("flagged", new JsonValue.JsonBool(outcome.flagged()));
    m.put("rule", new JsonObject(rulePart));
    m.put("sent_at", new JsonString(now.toString()));
    return Json.write(new JsonObject(m));
  }

  private static JsonValue text(String value) {
    return value == null ? JsonNull.INSTANCE : new JsonString(value);
  }
}
