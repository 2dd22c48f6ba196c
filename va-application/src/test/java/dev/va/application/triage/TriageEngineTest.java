package dev.va.application.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.fake.SettableClock;
import dev.va.application.json.Json;
import dev.va.application.port.out.Classifier;
import dev.va.application.port.out.Classifier.Classification;
import dev.va.application.port.out.LlmClassifier;
import dev.va.application.triage.TriageOutcome.ClassifiedBy;
import dev.va.application.triage.classify.LocalClassifier;
import dev.va.application.triage.classify.SyntheticMail;
import dev.va.application.triage.rules.RuleAction;
import dev.va.application.triage.rules.RuleSet;
import dev.va.application.triage.signals.HeaderSignals;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.CategorySet;
import dev.va.domain.mail.UserCategory;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.Triage;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.shared.EmailAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The engine end to end with the real local classifier; the language model is played by lambdas standing for the
 * answers the port may give (an answer, none, a failure, an answer outside the allowed categories).
 */
class TriageEngineTest {
  private static final Instant NOW = Instant.parse("2025-03-04T10:00:00Z");
  private static final String TEMPLATE = "6f1c1b1e-8d4b-4c5a-9a43-2f9f3b1d7e10";
  private static final TriageContext CONTEXT = TriageContext.of(Set.of(EmailAddress.of("me@va.test")));

  private final SettableClock clock = new SettableClock(NOW);
  private final Classifier local = new LocalClassifier(SyntheticMail.categoryModel(),
      SyntheticMail.needsReplyDetector(), new HeaderSignals(id -> false));
  private final List<EmailMessage> askedLlm = new ArrayList<>();

  private static final EmailMessage CLIENT = TestMessages.resource("autoreply/allowed.eml");

  private static AutoReplyRule rule(String name, int priority, String when, String then) {
    return AutoReplyRule.create(TestMessages.USER, name, priority, "{\"when\": " + when + ", \"then\": " + then + "}",
        NOW.minusSeconds(priority));
  }

  private LlmClassifier llm(Optional<Classification> answer) {
    return (owner, message, allowed) -> {
      askedLlm.add(message);
      return answer;
    };
  }

  @Test
  void confidentLocalResultsNeverReachTheLanguageModel() {
    TriageEngine engine = TriageEngine.withLlm(local, llm(Optional.of(
        new Classification(Category.IMPORTANT, 0.9, true, List.of("llm says important")))), 0.8, clock);
    TriageOutcome outcome = engine.triage(SyntheticMail.spam(5), RuleSet.EMPTY, CONTEXT);
    assertThat(outcome.category()).isEqualTo(Category.SPAM);
    assertThat(outcome.classifiedBy()).isEqualTo(ClassifiedBy.LOCAL);
    assertThat(askedLlm).isEmpty();
  }

  @Test
  void unsureLocalResultsAskTheLanguageModel() {
    Classifier unsure = message -> new Classification(Category.PERSONAL, 0.4, false, List.of("local guess"));
    TriageEngine engine = TriageEngine.withLlm(unsure, llm(Optional.of(
        new Classification(Category.IMPORTANT, 0.9, true, List.of("a client asks for a meeting")))), 0.8, clock);
    TriageOutcome outcome = engine.triage(CLIENT, RuleSet.EMPTY, CONTEXT);
    assertThat(askedLlm).containsExactly(CLIENT);
    assertThat(outcome.category()).isEqualTo(Category.IMPORTANT);
    assertThat(outcome.confidence()).isEqualTo(0.9);
    assertThat(outcome.needsReply()).isTrue();
    assertThat(outcome.classifiedBy()).isEqualTo(ClassifiedBy.LANGUAGE_MODEL);
    assertThat(outcome.reasons()).containsExactly("a client asks for a meeting",
        "local classifier was unsure: personal (0.40)");
  }

  @Test
  void anyLanguageModelFailureLeavesTheLocalResult() {
    Classifier unsure = message -> new Classification(Category.PERSONAL, 0.4, false, List.of("local guess"));
    LlmClassifier throwing = (owner, message, allowed) -> {
      throw new IllegalStateException("quota");
    };
    LlmClassifier offList = llm(Optional.of(new Classification(new Category("made_up"), 0.99, false, List.of())));
    for (var pair : List.of(
        new Object[] {llm(Optional.empty()), "language model gave no answer; local result kept"},
        new Object[] {throwing, "language model failed (IllegalStateException); local result kept"},
        new Object[] {offList, "language model answered outside the allowed categories; local result kept"})) {
      TriageOutcome outcome = TriageEngine.withLlm(unsure, (LlmClassifier) pair[0], 0.8, clock)
          .triage(CLIENT, RuleSet.EMPTY, CONTEXT);
      assertThat(outcome.category()).isEqualTo(Category.PERSONAL);
      assertThat(outcome.confidence()).isEqualTo(0.4);
      assertThat(outcome.classifiedBy()).isEqualTo(ClassifiedBy.LOCAL);
      assertThat(outcome.reasons()).containsExactly("local guess", (String) pair[1]);
    }
  }

  @Test
  void theLanguageModelMayNameOneOfTheUsersCategoriesAndRulesSeeIt() {
    Classifier unsure = message -> new Classification(Category.PERSONAL, 0.4, false, List.of("local guess"));
    Category invoices = new Category("invoices");
    List<CategorySet> offered = new ArrayList<>();
    LlmClassifier llm = (owner, message, allowed) -> {
      offered.add(allowed);
      return Optional.of(new Classification(invoices, 0.85, false, List.of("a bill")));
    };
    CategorySet mine = new CategorySet(List.of(new UserCategory(TestMessages.USER, invoices, "bills to pay",
        NOW, NOW)));
    RuleSet rules = RuleSet.compile(List.of(rule("bills", 1,
        "{\"field\": \"category\", \"op\": \"equals\", \"value\": \"invoices\"}",
        "[{\"action\": \"label\", \"value\": \"to pay\"}]")));

    TriageOutcome outcome = TriageEngine.withLlm(unsure, llm, 0.8, clock)
        .triage(CLIENT, rules, new TriageContext(CONTEXT.userAddresses(), mine, CONTEXT.replies()));

    assertThat(offered).containsExactly(mine);
    assertThat(outcome.category()).isEqualTo(invoices);
    assertThat(outcome.classifiedBy()).isEqualTo(ClassifiedBy.LANGUAGE_MODEL);
    assertThat(outcome.ruleApplications()).singleElement()
        .satisfies(a -> assertThat(a.matched()).containsExactly("category equals \"invoices\""));
    // without that category the same answer is refused, and a rule on it does not fire
    TriageOutcome without = TriageEngine.withLlm(unsure, llm, 0.8, clock).triage(CLIENT, rules, CONTEXT);
    assertThat(without.category()).isEqualTo(Category.PERSONAL);
    assertThat(without.ruleApplications()).isEmpty();
  }

  @Test
  void rulesProduceActionsFlagsAndAnAllowedAutoReply() {
    RuleSet rules = RuleSet.compile(List.of(
        rule("clients", 1, "{\"field\": \"from\", \"op\": \"ends_with\", \"value\": \"@clients.test\"}",
            "[{\"action\": \"flag\"}, {\"action\": \"label\", \"value\": \"clients\"},"
                + " {\"action\": \"auto_reply\", \"template\": \"" + TEMPLATE + "\"}]"),
        rule("second reply", 2, "{\"all\": []}",
            "[{\"action\": \"auto_reply\", \"template\": \"" + TEMPLATE + "\"}, {\"action\": \"mark_read\"},"
                + " {\"action\": \"stop\"}]"),
        rule("never reached", 3, "{\"all\": []}", "[{\"action\": \"unflag\"}]")));
    TriageOutcome outcome = TriageEngine.localOnly(local, clock).triage(CLIENT, rules, CONTEXT);
    assertThat(outcome.flagged()).isTrue();
    assertThat(outcome.actions()).containsExactly(new RuleAction.Flag(), new RuleAction.Label("clients"),
        new RuleAction.MarkRead());
    assertThat(outcome.ruleApplications()).extracting(a -> a.ruleName()).containsExactly("clients", "second reply");
    TriageOutcome.AutoReplyPlan plan = outcome.autoReply().orElseThrow();
    assertThat(plan.ruleId()).isEqualTo(rules.rules().get(0).rule().id());
    assertThat(plan.template()).isEqualTo(UUID.fromString(TEMPLATE));
    assertThat(plan.replyTo()).isEqualTo("ann@clients.test");
    assertThat(plan.decision().send()).isTrue();
    assertThat(outcome.reasons()).contains(
        "rule \"clients\" v1 matched: from ends_with \"@clients.test\" (matched \"ann@clients.test\")",
        "auto-reply allowed: auto-reply allowed to ann@clients.test",
        "auto_reply of rule \"second reply\" skipped: one auto-reply per message");

    Triage stored = outcome.applyTo(CLIENT.triage(), NOW);
    assertThat(stored.processed()).isTrue();
    assertThat(stored.flagged()).isTrue();
    assertThat(stored.category()).isEqualTo(outcome.category());
    assertThat(Json.parse(Json.write(outcome.toJson()))).isEqualTo(outcome.toJson());
  }

  @Test
  void theAutoReplyPolicyUsesTheRulesPeriodAndHistory() {
    RuleSet rules = RuleSet.compile(List.of(rule("away", 1, "{\"all\": []}",
        "[{\"action\": \"auto_reply\", \"template\": \"" + TEMPLATE + "\", \"period_days\": 2}]")));
    var ruleId = rules.rules().get(0).rule().id();
    TriageContext recent = new TriageContext(CONTEXT.userAddresses(), CategorySet.BUILT_IN,
        (rule, address) -> rule.equals(ruleId) && address.equals("ann@clients.test")
            ? Optional.of(NOW.minus(Duration.ofDays(1))) : Optional.empty());
    TriageEngine engine = TriageEngine.localOnly(local, clock);
    assertThat(engine.triage(CLIENT, rules, recent).autoReply().orElseThrow().decision().reason())
        .contains("once per 2 days");
    clock.set(NOW.plus(Duration.ofDays(1)));
    assertThat(engine.triage(CLIENT, rules, recent).autoReply().orElseThrow().decision().send()).isTrue();
  }

  @Test
  void spamIsNeverAutoAnswered() {
    EmailMessage spam = SyntheticMail.spam(9);
    RuleSet rules = RuleSet.compile(List.of(rule("all", 1, "{\"all\": []}",
        "[{\"action\": \"auto_reply\", \"template\": \"" + TEMPLATE + "\"}]")));
    TriageOutcome outcome = TriageEngine.localOnly(local, clock).triage(withReturnPath(spam), rules, CONTEXT);
    assertThat(outcome.category()).isEqualTo(Category.SPAM);
    assertThat(outcome.autoReply().orElseThrow().decision().reason()).isEqualTo("classified as spam");
  }

  @Test
  void dryRunsUseStoredTriageAndNeverTheLanguageModel() {
    Classifier unsure = message -> new Classification(Category.PERSONAL, 0.4, false, List.of("local guess"));
    TriageEngine engine = TriageEngine.withLlm(unsure, llm(Optional.empty()), 0.8, clock);
    EmailMessage stored = CLIENT.withTriage(CLIENT.triage().classified(Category.IMPORTANT, 0.97, true,
        List.of("stored"), NOW), NOW);
    RuleSet rules = RuleSet.compile(List.of(rule("important", 1,
        "{\"field\": \"category\", \"op\": \"equals\", \"value\": \"important\"}", "[{\"action\": \"flag\"}]")));
    List<TriageOutcome> outcomes = engine.dryRun(rules, List.of(stored, CLIENT), CONTEXT);
    assertThat(outcomes).extracting(TriageOutcome::classifiedBy).containsExactly(ClassifiedBy.STORED,
        ClassifiedBy.LOCAL);
    assertThat(outcomes).extracting(TriageOutcome::messageId).containsExactly(stored.id(), CLIENT.id());
    assertThat(outcomes.get(0).flagged()).isTrue();
    assertThat(outcomes.get(1).flagged()).isFalse();
    assertThat(askedLlm).isEmpty();
    assertThatThrownBy(() -> engine.dryRun(rules, java.util.Collections.nCopies(501, CLIENT), CONTEXT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static EmailMessage withReturnPath(EmailMessage m) {
    var headers = new java.util.HashMap<>(m.headers());
    headers.put("return-path", List.of("<deals@promo.biz>"));
    return new EmailMessage(m.id(), m.accountId(), m.userId(), m.providerMessageId(), m.threadId(),
        m.messageIdHeader(), m.from(), m.to(), m.cc(), m.subject(), m.receivedAt(), headers, m.bodyText(),
        m.attachments(), m.sizeBytes(), m.labels(), m.parseWarnings(), m.triage(), m.createdAt(), m.updatedAt());
  }
}
