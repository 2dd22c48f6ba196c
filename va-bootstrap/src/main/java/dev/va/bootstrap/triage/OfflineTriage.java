package dev.va.bootstrap.triage;

import dev.va.adapter.mail.mime.RawMessage;
import dev.va.application.json.Json;
import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonArray;
import dev.va.application.json.JsonValue.JsonNull;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.triage.TriageContext;
import dev.va.application.triage.TriageEngine;
import dev.va.application.triage.TriageOutcome;
import dev.va.application.triage.classify.TriageModel;
import dev.va.application.triage.rules.RuleAction;
import dev.va.application.triage.rules.RuleApplication;
import dev.va.application.triage.rules.RuleSet;
import dev.va.application.triage.signals.HeaderSignals;
import dev.va.bootstrap.triage.OfflineMail.Malformed;
import dev.va.bootstrap.triage.OfflineMail.Message;
import dev.va.domain.shared.EmailAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Triage of one raw message into one JSON line: parse, classify locally, run the rules, decide on the auto-reply
 * (nothing is ever sent). One instance serves every worker thread: the parser, models and compiled rules are
 * shared and read-only here.
 */
final class OfflineTriage {
  private final OfflineMail mail;
  private final TriageEngine engine;
  private final RuleSet rules;
  private final TriageContext context;

  /** @param me the user's addresses: auto-replies need the user in To or Cc and never go to the user */
  OfflineTriage(TriageModel model, RuleSet rules, Set<EmailAddress> me, Clock clock) {
    this.mail = new OfflineMail(clock);
    // offline there is no record of the user's sent messages, so no reply is recognised as one to the user
    this.engine = TriageEngine.localOnly(model.classifier(new HeaderSignals(id -> false)), clock);
    this.rules = rules;
    this.context = TriageContext.of(me);
  }

  long maxMessageBytes() {
    return mail.maxMessageBytes();
  }

  /** One line of output: the JSON text, and whether it reports an error. */
  record Line(String json, boolean error) {}

  /** The JSON line of a message; a message that cannot be triaged gives an error line instead. */
  Line line(String source, RawMessage raw) {
    try {
      OfflineMail.Parsed parsed = mail.parse(source, raw);
      if (parsed instanceof Malformed malformed) return errorLine(source, malformed.error());
      Message message = (Message) parsed;
      TriageOutcome outcome = engine.triage(message.message(), rules, context);
      return new Line(Json.write(json(source, message.message().messageIdHeader(), outcome)), false);
    } catch (RuntimeException | StackOverflowError e) { // a bug must cost one message, not the run
      return errorLine(source, "internal error: " + e);
    }
  }

  static Line errorLine(String source, String error) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("source", JsonValue.of(source));
    m.put("error", JsonValue.of(error));
    return new Line(Json.write(new JsonObject(m)), true);
  }

  private static JsonValue json(String source, String messageId, TriageOutcome outcome) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("source", JsonValue.of(source));
    m.put("message_id", messageId == null ? JsonNull.INSTANCE : JsonValue.of(messageId));
    m.put("category", JsonValue.of(outcome.category().name()));
    m.put("confidence", JsonValue.of(Math.round(outcome.confidence() * 10_000) / 10_000.0));
    m.put("needs_reply", JsonValue.of(outcome.needsReply()));
    m.put("flagged", JsonValue.of(outcome.flagged()));
    m.put("reasons", strings(outcome.reasons()));
    m.put("rules", new JsonArray(outcome.ruleApplications().stream().map(OfflineTriage::rule).toList()));
    m.put("auto_reply", autoReply(outcome));
    return new JsonObject(m);
  }

  private static JsonValue rule(RuleApplication application) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("id", JsonValue.of(application.ruleId().toString()));
    m.put("name", JsonValue.of(application.ruleName()));
    m.put("actions", new JsonArray(application.actions().stream().map(RuleAction::toJson).toList()));
    return new JsonObject(m);
  }

  private static JsonValue autoReply(TriageOutcome outcome) {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    outcome.autoReply().ifPresentOrElse(plan -> {
      m.put("decision", JsonValue.of(plan.decision().send() ? "send" : "suppressed"));
      m.put("reason", JsonValue.of(plan.decision().reason()));
      m.put("rule_id", JsonValue.of(plan.ruleId().toString()));
      m.put("reply_to", plan.replyTo() == null ? JsonNull.INSTANCE : JsonValue.of(plan.replyTo()));
    }, () -> {
      m.put("decision", JsonValue.of("none"));
      m.put("reason", JsonValue.of("no matching rule asks for an auto-reply"));
    });
    return new JsonObject(m);
  }

  private static JsonValue strings(List<String> values) {
    return new JsonArray(values.stream().map(v -> (JsonValue) JsonValue.of(v)).toList());
  }
}
