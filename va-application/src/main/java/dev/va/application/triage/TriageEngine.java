package dev.va.application.triage;

import dev.va.application.port.out.Classifier;
import dev.va.application.port.out.Classifier.Classification;
import dev.va.application.port.out.LlmClassifier;
import dev.va.application.triage.TriageOutcome.AutoReplyPlan;
import dev.va.application.triage.TriageOutcome.ClassifiedBy;
import dev.va.application.triage.autoreply.AutoReplyBuilder;
import dev.va.application.triage.autoreply.AutoReplyPolicy;
import dev.va.application.triage.autoreply.AutoReplyPolicy.Decision;
import dev.va.application.triage.rules.RuleAction;
import dev.va.application.triage.rules.RuleApplication;
import dev.va.application.triage.rules.RuleInput;
import dev.va.application.triage.rules.RuleSet;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.Triage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Triage of one message, start to finish, without I/O of its own: classify (header signals and the local model;
 * the language model only when local confidence is below the threshold and one is configured, and any failure of
 * it leaves the local result standing), run the user's rules, and decide whether a requested auto-reply may go
 * out. Cheap to create: build one per user (its classifier knows the user's models and sent messages).
 */
public final class TriageEngine {
  public static final double DEFAULT_LLM_THRESHOLD = 0.8;
  public static final int MAX_DRY_RUN_MESSAGES = 500;

  private final Classifier classifier;
  private final LlmClassifier llm;
  private final double llmThreshold;
  private final Clock clock;

  private TriageEngine(Classifier classifier, LlmClassifier llm, double llmThreshold, Clock clock) {
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.llm = llm;
    if (!(llmThreshold >= 0 && llmThreshold <= 1)) throw new IllegalArgumentException("threshold in [0, 1]");
    this.llmThreshold = llmThreshold;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public static TriageEngine localOnly(Classifier classifier, Clock clock) {
    return new TriageEngine(classifier, null, DEFAULT_LLM_THRESHOLD, clock);
  }

  /** @param llmThreshold local confidence below which the language model is asked */
  public static TriageEngine withLlm(Classifier classifier, LlmClassifier llm, double llmThreshold, Clock clock) {
    return new TriageEngine(classifier, Objects.requireNonNull(llm, "llm"), llmThreshold, clock);
  }

  public TriageOutcome triage(EmailMessage message, RuleSet rules, TriageContext context) {
    List<String> reasons = new ArrayList<>();
    Classification local = classifier.classify(message);
    Classification chosen = local;
    ClassifiedBy by = ClassifiedBy.LOCAL;
    if (llm != null && local.confidence() < llmThreshold) {
      Optional<Classification> answer = askLanguageModel(message, context, reasons);
      if (answer.isPresent()) {
        chosen = answer.get();
        by = ClassifiedBy.LANGUAGE_MODEL;
        reasons.add(String.format(Locale.ROOT, "local classifier was unsure: %s (%.2f)", local.category(),
            local.confidence()));
      }
    }
    List<String> all = new ArrayList<>(chosen.reasons());
    all.addAll(reasons);
    return decide(message, chosen, by, all, rules, context);
  }

  /**
   * What triage would do to each message with these rules, changing nothing. Messages already triaged keep their
   * stored classification; others are classified locally. The language model is never asked in a dry run.
   */
  public List<TriageOutcome> dryRun(RuleSet rules, List<EmailMessage> messages, TriageContext context) {
    if (messages.size() > MAX_DRY_RUN_MESSAGES) {
      throw new IllegalArgumentException("a dry run takes at most " + MAX_DRY_RUN_MESSAGES + " messages");
    }
    List<TriageOutcome> outcomes = new ArrayList<>();
    for (EmailMessage message : messages) {
      Triage stored = message.triage();
      if (stored.processed()) {
        Classification c = new Classification(stored.category(), stored.confidence(), stored.needsReply(),
            stored.reasons());
        outcomes.add(decide(message, c, ClassifiedBy.STORED, c.reasons(), rules, context));
      } else {
        Classification c = classifier.classify(message);
        outcomes.add(decide(message, c, ClassifiedBy.LOCAL, c.reasons(), rules, context));
      }
    }
    return outcomes;
  }

  private Optional<Classification> askLanguageModel(EmailMessage message, TriageContext context,
      List<String> reasons) {
    Optional<Classification> answer;
    try {
      answer = llm.classify(message.userId(), message, context.categories());
    } catch (RuntimeException e) {
      // the port promises empty on failure; a broken adapter must not break triage either
      reasons.add("language model failed (" + e.getClass().getSimpleName() + "); local result kept");
      return Optional.empty();
    }
    if (answer == null || answer.isEmpty()) {
      reasons.add("language model gave no answer; local result kept");
      return Optional.empty();
    }
    Classification c = answer.get();
    if (c.category() == null || !context.categories().allows(c.category())
        || !(c.confidence() >= 0 && c.confidence() <= 1)) {
      reasons.add("language model answered outside the allowed categories; local result kept");
      return Optional.empty();
    }
    return answer;
  }

  private TriageOutcome decide(EmailMessage message, Classification c, ClassifiedBy by, List<String> reasons,
      RuleSet rules, TriageContext context) {
    Instant now = clock.instant();
    EmailMessage classified = message.withTriage(
        message.triage().classified(c.category(), c.confidence(), c.needsReply(), c.reasons(), now), now);
    RuleSet.Evaluation evaluation = rules.evaluate(new RuleInput(classified, c.category(), c.confidence(),
        c.needsReply()));

    boolean flagged = message.triage().flagged();
    List<RuleAction> actions = new ArrayList<>();
    List<String> why = new ArrayList<>(reasons);
    AutoReplyPlan plan = null;
    for (RuleApplication application : evaluation.applications()) {
      why.add("rule \"" + application.ruleName() + "\" v" + application.ruleVersion() + " matched: "
          + String.join("; ", application.matched()));
      for (RuleAction action : application.actions()) {
        if (action instanceof RuleAction.Stop) continue;
        if (action instanceof RuleAction.AutoReply reply) {
          if (plan == null) {
            plan = autoReply(classified, application, reply, context, now);
            why.add("auto-reply " + (plan.decision().send() ? "allowed" : "suppressed") + ": "
                + plan.decision().reason());
          } else {
            why.add("auto_reply of rule \"" + application.ruleName() + "\" skipped: one auto-reply per message");
          }
          continue;
        }
        if (action instanceof RuleAction.Flag) flagged = true;
        if (action instanceof RuleAction.Unflag) flagged = false;
        actions.add(action);
      }
    }
    return new TriageOutcome(message.id(), c.category(), c.confidence(), c.needsReply(), flagged, by, why,
        evaluation.applications(), actions, Optional.ofNullable(plan));
  }

  private static AutoReplyPlan autoReply(EmailMessage classified, RuleApplication application,
      RuleAction.AutoReply reply, TriageContext context, Instant now) {
    Optional<String> target = AutoReplyBuilder.replyAddress(classified);
    Optional<Instant> last = target.flatMap(t -> context.replies().lastAutoReply(application.ruleId(), t));
    Decision decision = new AutoReplyPolicy(reply.period()).decide(classified, context.userAddresses(), last, now);
    return new AutoReplyPlan(application.ruleId(), application.ruleVersion(), reply.template(), target.orElse(null),
        decision);
  }
}
