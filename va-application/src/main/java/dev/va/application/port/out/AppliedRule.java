package dev.va.application.port.out;

import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.shared.Require;
import java.util.List;
import java.util.Map;

/**
 * A rule that fired on a message, as stored with it: the exact version, the conditions that held, and the actions
 * it asked for, each as its name and parameters in a rule document (numbers written as text).
 */
public record AppliedRule(AutoReplyRuleId ruleId, int ruleVersion, String ruleName, List<String> matched,
    List<Action> actions) {

  /** One action, e.g. {@code label} with {@code {value=clients}}. */
  public record Action(String name, Map<String, String> parameters) {
    public Action {
      Require.notBlank(name, "action");
      parameters = Map.copyOf(parameters);
    }
  }

  public AppliedRule {
    Require.nonNull(ruleId, "rule_id");
    Require.that(ruleVersion >= 1, "rule_version", "rule_version starts at 1");
    Require.notBlank(ruleName, "rule_name");
    matched = List.copyOf(matched);
    actions = List.copyOf(actions);
  }
}
