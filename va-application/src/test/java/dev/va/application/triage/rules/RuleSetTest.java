package dev.va.application.triage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.json.Json;
import dev.va.application.triage.TestMessages;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.rule.AutoReplyRule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final EmailMessage MESSAGE = TestMessages.parse("""
      From: Ann <ann@clients.test>
      To: me@va.test
      Subject: Quarterly report

      Numbers attached.
      """);

  private static AutoReplyRule rule(String name, int priority, int createdOffset, String then) {
    return AutoReplyRule.create(TestMessages.USER, name, priority,
        "{\"when\": {\"field\": \"from\", \"op\": \"ends_with\", \"value\": \"@clients.test\"}, \"then\": " + then
            + "}", T0.plusSeconds(createdOffset));
  }

  private static RuleSet.Evaluation run(List<AutoReplyRule> rules) {
    return RuleSet.compile(rules).evaluate(new RuleInput(MESSAGE, Category.PERSONAL, 0.9, false));
  }

  @Test
  void runsByPriorityThenCreationAndRecordsEachApplication() {
    AutoReplyRule late = rule("late", 10, 0, "[{\"action\": \"label\", \"value\": \"b\"}]");
    AutoReplyRule early = rule("early", 1, 5, "[{\"action\": \"label\", \"value\": \"a\"}]");
    AutoReplyRule tie = rule("tie", 10, 9, "[{\"action\": \"flag\"}]");
    RuleSet.Evaluation evaluation = run(List.of(late, tie, early));
    assertThat(evaluation.applications()).extracting(RuleApplication::ruleName).containsExactly("early", "late", "tie");
    assertThat(evaluation.actions()).containsExactly(new RuleAction.Label("a"), new RuleAction.Label("b"),
        new RuleAction.Flag());
    assertThat(evaluation.stopped()).isFalse();
    RuleApplication first = evaluation.applications().get(0);
    assertThat(first.ruleId()).isEqualTo(early.id());
    assertThat(first.ruleVersion()).isEqualTo(1);
    assertThat(first.matched()).containsExactly("from ends_with \"@clients.test\" (matched \"ann@clients.test\")");
    assertThat(Json.write(first.toJson())).isEqualTo("{\"rule_id\":\"" + early.id() + "\",\"rule_version\":1,"
        + "\"rule_name\":\"early\","
        + "\"matched\":[\"from ends_with \\\"@clients.test\\\" (matched \\\"ann@clients.test\\\")\"],"
        + "\"actions\":[{\"action\":\"label\",\"value\":\"a\"}]}");
  }

  @Test
  void stopEndsProcessingAfterTheStoppingRulesOwnActions() {
    AutoReplyRule stopper = rule("stopper", 1, 0, "[{\"action\": \"archive\"}, {\"action\": \"stop\"}]");
    AutoReplyRule after = rule("after", 2, 0, "[{\"action\": \"flag\"}]");
    RuleSet.Evaluation evaluation = run(List.of(after, stopper));
    assertThat(evaluation.applications()).extracting(RuleApplication::ruleName).containsExactly("stopper");
    assertThat(evaluation.actions()).containsExactly(new RuleAction.Archive(), new RuleAction.Stop());
    assertThat(evaluation.stopped()).isTrue();
  }

  @Test
  void leavesOutDisabledRulesAndKeepsBrokenOnesAside() {
    AutoReplyRule disabled = rule("off", 1, 0, "[{\"action\": \"flag\"}]");
    disabled = disabled.revise("off", 1, false, disabled.document(), T0);
    AutoReplyRule broken = AutoReplyRule.create(TestMessages.USER, "broken", 1, "{\"when\": 1}", T0);
    AutoReplyRule good = rule("good", 3, 0, "[{\"action\": \"mark_read\"}]");
    RuleSet set = RuleSet.compile(List.of(disabled, broken, good));
    assertThat(set.rules()).extracting(r -> r.rule().name()).containsExactly("good");
    assertThat(set.invalid()).singleElement().satisfies(i -> {
      assertThat(i.rule()).isEqualTo(broken);
      assertThat(i.problems()).extracting(RuleProblem::toString)
          .containsExactly("$.when: must be an object, not number", "$: missing \"then\"");
    });
    assertThat(run(List.of(disabled, broken, good)).actions()).containsExactly(new RuleAction.MarkRead());
  }

  @Test
  void rulesThatDoNotMatchLeaveNoTrace() {
    AutoReplyRule other = AutoReplyRule.create(TestMessages.USER, "other", 1,
        "{\"when\": {\"field\": \"subject\", \"op\": \"contains\", \"value\": \"invoice\"},"
            + " \"then\": [{\"action\": \"flag\"}]}",
        T0);
    RuleSet.Evaluation evaluation = run(List.of(other));
    assertThat(evaluation.applications()).isEmpty();
    assertThat(evaluation.actions()).isEmpty();
  }
}
