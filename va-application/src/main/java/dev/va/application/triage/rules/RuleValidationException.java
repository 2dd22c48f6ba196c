package dev.va.application.triage.rules;

import dev.va.domain.shared.DomainValidationException;
import java.util.List;
import java.util.stream.Collectors;

/** A rule document is invalid; carries every problem found, not only the first. */
public class RuleValidationException extends DomainValidationException {
  private final List<RuleProblem> problems;

  public RuleValidationException(List<RuleProblem> problems) {
    super("document", "invalid rule: " + problems.stream().map(RuleProblem::toString)
        .collect(Collectors.joining("; ")));
    if (problems.isEmpty()) throw new IllegalArgumentException("no problems");
    this.problems = List.copyOf(problems);
  }

  public List<RuleProblem> problems() {
    return problems;
  }
}
