package dev.va.application.triage.rules;

import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonArray;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.domain.rule.AutoReplyRuleId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One rule that fired on a message: which version of it, the conditions that held, and its actions. */
public record RuleApplication(AutoReplyRuleId ruleId, int ruleVersion, String ruleName, List<String> matched,
    List<RuleAction> actions) {

  public RuleApplication {
    matched = List.copyOf(matched);
    actions = List.copyOf(actions);
  }

  /** For storing as the explanation of a triage decision. */
  public JsonValue toJson() {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("rule_id", JsonValue.of(ruleId.toString()));
    members.put("rule_version", JsonValue.of(ruleVersion));
    members.put("rule_name", JsonValue.of(ruleName));
    members.put("matched", new JsonArray(matched.stream().map(JsonValue::of).map(JsonValue.class::cast).toList()));
    members.put("actions", new JsonArray(actions.stream().map(RuleAction::toJson).toList()));
    return new JsonObject(members);
  }
}
