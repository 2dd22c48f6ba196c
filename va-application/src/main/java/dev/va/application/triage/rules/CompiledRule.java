package dev.va.application.triage.rules;

import dev.va.domain.rule.AutoReplyRule;
import java.util.Objects;

/** A stored rule with its document compiled. */
public record CompiledRule(AutoReplyRule rule, RuleDocument document) {
  public CompiledRule {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(document, "document");
  }

  /** @throws RuleValidationException when the stored document is not (or no longer) valid */
  public static CompiledRule of(AutoReplyRule rule) {
    return new CompiledRule(rule, RuleDocument.parse(rule.document()));
  }
}
