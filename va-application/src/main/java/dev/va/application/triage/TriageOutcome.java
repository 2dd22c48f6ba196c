package dev.va.application.triage;

import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonArray;
import dev.va.application.json.JsonValue.JsonNull;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.triage.autoreply.AutoReplyPolicy.Decision;
import dev.va.application.triage.rules.RuleAction;
import dev.va.application.triage.rules.RuleApplication;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.mail.Triage;
import dev.va.domain.rule.AutoReplyRuleId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything triage decided for one message. {@code actions} are the rule actions for the caller to carry out, in
 * order, without {@code stop} and without {@code auto_reply}: an auto-reply appears only as {@link #autoReply},
 * with the safety policy's decision, so nothing can send one without that decision.
 */
public record TriageOutcome(
    EmailMessageId messageId,
    Category category,
    double confidence,
    boolean needsReply,
    boolean flagged,
    ClassifiedBy classifiedBy,
    List<String> reasons,
    List<RuleApplication> ruleApplications,
    List<RuleAction> actions,
    Optional<AutoReplyPlan> autoReply) {

  /** Where the category came from. */
  public enum ClassifiedBy { LOCAL, LANGUAGE_MODEL, STORED }

  /** The auto-reply a rule asked for, and whether the policy lets it go out. */
  public record AutoReplyPlan(AutoReplyRuleId ruleId, int ruleVersion, UUID template, String replyTo,
      Decision decision) {
    public AutoReplyPlan {
      Objects.requireNonNull(ruleId, "ruleId");
      Objects.requireNonNull(template, "template");
      Objects.requireNonNull(decision, "decision");
    }
  }

  public TriageOutcome {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(classifiedBy, "classifiedBy");
    reasons = List.copyOf(reasons);
    ruleApplications = List.copyOf(ruleApplications);
    actions = List.copyOf(actions);
    Objects.requireNonNull(autoReply, "autoReply");
  }

  /** The message's new triage state (the auto-reply flag is set by whoever sends it). */
  public Triage applyTo(Triage previous, Instant now) {
    return previous.classified(category, confidence, needsReply, reasons, now).withFlagged(flagged);
  }

  /** The whole decision as JSON, for storing as an explanation or showing a dry run. */
  public JsonValue toJson() {
    Map<String, JsonValue> m = new LinkedHashMap<>();
    m.put("message_id", JsonValue.of(messageId.toString()));
    m.put("category", JsonValue.of(category.name()));
    m.put("confidence", JsonValue.of(confidence));
    m.put("needs_reply", JsonValue.of(needsReply));
    m.put("flagged", JsonValue.of(flagged));
    m.put("classified_by", JsonValue.of(classifiedBy.name().toLowerCase(Locale.ROOT)));
    m.put("reasons", new JsonArray(reasons.stream().map(r -> (JsonValue) JsonValue.of(r)).toList()));
    m.put("rule_applications", new JsonArray(ruleApplications.stream().map(RuleApplication::toJson).toList()));
    m.put("actions", new JsonArray(actions.stream().map(RuleAction::toJson).toList()));
    m.put("auto_reply", autoReply.<JsonValue>map(plan -> {
      Map<String, JsonValue> a = new LinkedHashMap<>();
      a.put("rule_id", JsonValue.of(plan.ruleId().toString()));
      a.put("rule_version", JsonValue.of(plan.ruleVersion()));
      a.put("template", JsonValue.of(plan.template().toString()));
      a.put("reply_to", plan.replyTo() == null ? JsonNull.INSTANCE : JsonValue.of(plan.replyTo()));
      a.put("send", JsonValue.of(plan.decision().send()));
      a.put("reason", JsonValue.of(plan.decision().reason()));
      return new JsonObject(a);
    }).orElse(JsonNull.INSTANCE));
    return new JsonObject(m);
  }
}
