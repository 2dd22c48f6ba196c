package dev.va.application.triage.rules;

import dev.va.domain.rule.AutoReplyRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A user's enabled rules, compiled once and kept in the order they run: priority (lower first), then creation
 * time, then id. A stored rule that no longer compiles is kept aside in {@link #invalid} rather than failing
 * triage for every message.
 */
public final class RuleSet {
  public static final RuleSet EMPTY = new RuleSet(List.of(), List.of());

  /** A stored rule that did not compile, with why. */
  public record InvalidRule(AutoReplyRule rule, List<RuleProblem> problems) {
    public InvalidRule {
      problems = List.copyOf(problems);
    }
  }

  /** The outcome of running the rules on one message. */
  public record Evaluation(List<RuleApplication> applications, List<RuleAction> actions, boolean stopped) {
    public Evaluation {
      applications = List.copyOf(applications);
      actions = List.copyOf(actions);
    }
  }

  private static final Comparator<AutoReplyRule> ORDER = Comparator.comparingInt(AutoReplyRule::priority)
      .thenComparing(AutoReplyRule::createdAt)
      .thenComparing(r -> r.id().value());

  private final List<CompiledRule> rules;
  private final List<InvalidRule> invalid;

  private RuleSet(List<CompiledRule> rules, List<InvalidRule> invalid) {
    this.rules = List.copyOf(rules);
    this.invalid = List.copyOf(invalid);
  }

  /** Compiles the enabled rules among {@code stored}; disabled rules are left out. */
  public static RuleSet compile(List<AutoReplyRule> stored) {
    List<CompiledRule> compiled = new ArrayList<>();
    List<InvalidRule> invalid = new ArrayList<>();
    stored.stream().filter(AutoReplyRule::enabled).sorted(ORDER).forEach(rule -> {
      try {
        compiled.add(CompiledRule.of(rule));
      } catch (RuleValidationException e) {
        invalid.add(new InvalidRule(rule, e.problems()));
      }
    });
    return new RuleSet(compiled, invalid);
  }

  public List<CompiledRule> rules() {
    return rules;
  }

  public List<InvalidRule> invalid() {
    return invalid;
  }

  /** Runs the rules in order; a rule whose actions include {@code stop} ends the run after its own actions. */
  public Evaluation evaluate(RuleInput input) {
    List<RuleApplication> applications = new ArrayList<>();
    List<RuleAction> actions = new ArrayList<>();
    for (CompiledRule compiled : rules) {
      List<String> why = new ArrayList<>();
      if (!compiled.document().matches(input, why)) continue;
      AutoReplyRule rule = compiled.rule();
      List<RuleAction> ruleActions = compiled.document().actions();
      applications.add(new RuleApplication(rule.id(), rule.version(), rule.name(), why, ruleActions));
      actions.addAll(ruleActions);
      if (ruleActions.stream().anyMatch(a -> a instanceof RuleAction.Stop)) {
        return new Evaluation(applications, actions, true);
      }
    }
    return new Evaluation(applications, actions, false);
  }
}
