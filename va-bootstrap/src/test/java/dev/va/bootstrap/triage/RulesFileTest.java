package dev.va.bootstrap.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.triage.rules.CompiledRule;
import dev.va.application.triage.rules.RuleSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesFileTest {
  private static final String FLAG = "{\"when\": {\"all\": []}, \"then\": [{\"action\": \"flag\"}]}";

  private static List<String> problems(String text) {
    try {
      RulesFile.parse(text);
    } catch (InvalidInputException e) {
      return e.problems();
    }
    throw new AssertionError("valid: " + text);
  }

  @Test
  void rulesAndBareDocumentsRunByPriorityThenFileOrder() throws InvalidInputException {
    RuleSet rules = RulesFile.parse("[" + String.join(",",
        "{\"name\": \"late\", \"priority\": 5, \"document\": " + FLAG + "}",
        FLAG,
        "{\"id\": \"0b0f7a52-3c1e-4bb4-9a43-2f9f3b1d7e10\", \"name\": \"early\", \"priority\": 0, \"document\": "
            + FLAG + "}",
        FLAG) + "]");

    assertThat(rules.invalid()).isEmpty();
    assertThat(rules.rules()).extracting(r -> r.rule().name()).containsExactly("rule 2", "early", "rule 4", "late");
    assertThat(rules.rules()).extracting(r -> r.rule().id().toString()).containsExactly(
        RulesFile.defaultId(1).toString(), "0b0f7a52-3c1e-4bb4-9a43-2f9f3b1d7e10", RulesFile.defaultId(3).toString(),
        RulesFile.defaultId(0).toString());
    assertThat(rules.rules()).extracting(CompiledRule::rule).allSatisfy(r -> assertThat(r.enabled()).isTrue());
  }

  @Test
  void anEmptyArrayIsNoRules() throws InvalidInputException {
    assertThat(RulesFile.parse(" [ ] ").rules()).isEmpty();
  }

  @Test
  void everyProblemIsReportedWithItsPathInTheFile() {
    assertThat(problems("[" + String.join(",",
        "{\"name\": \"\", \"priority\": -1, \"colour\": \"red\", \"document\": " + FLAG + "}",
        "{\"id\": \"nope\", \"name\": \"x\", \"priority\": 1.5, \"document\": [1]}",
        "{\"when\": {\"field\": \"size\", \"op\": \"greater_than\", \"value\": \"big\"},"
            + " \"then\": [{\"action\": \"zap\"}]}",
        "{\"name\": \"twice\", \"document\": " + FLAG + "}",
        "{\"id\": \"" + RulesFile.defaultId(0) + "\", \"name\": \"same\", \"priority\": 1, \"document\": " + FLAG + "}",
        "42") + "]"))
        .containsExactly(
            "$[0].colour: unknown key (a rule has id, name, priority and document)",
            "$[0].name: must be a non-empty string",
            "$[0].priority: must be an integer from 0 to 1000000",
            "$[1].id: must be a UUID string",
            "$[1].priority: must be an integer from 0 to 1000000",
            "$[1].document: must be an object (a rule document), not array",
            "$[2].when.value: must be a number for greater_than, not string",
            "$[2].then[0].action: unknown action \"zap\" (one of: archive, auto_reply, draft_reply, flag, label,"
                + " mark_read, move, notify, stop, unflag)",
            "$[3].priority: is required",
            "$[4].id: the same id as an earlier rule",
            "$[5]: must be an object (a rule or a rule document), not number");
  }

  @Test
  void theFileMustBeJsonHoldingAnArray() {
    assertThat(problems("{\"when\": {}}")).containsExactly("$: must be an array of rules, not object");
    assertThat(problems("[1,]")).singleElement().asString().startsWith("$: not valid JSON: ");
    assertThatThrownBy(() -> RulesFile.parse("")).isInstanceOf(InvalidInputException.class);
  }
}
