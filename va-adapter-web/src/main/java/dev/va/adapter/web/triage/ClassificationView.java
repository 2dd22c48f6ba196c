package dev.va.adapter.web.triage;

import dev.va.application.port.in.TriageUseCases.TriageExplanation;
import dev.va.application.port.out.AppliedRule;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.Triage;
import io.javalin.openapi.OpenApiName;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message's classification and why: the reasons, and the rules that fired at its last triage (each action as in
 * a rule document, parameters as text). {@code processed} is false (and {@code category} null) until triage ran.
 */
public record ClassificationView(
    @OpenApiName("message_id") String messageId,
    String category,
    double confidence,
    @OpenApiName("needs_reply") boolean needsReply,
    boolean flagged,
    boolean processed,
    @OpenApiName("processed_at") Instant processedAt,
    List<String> reasons,
    @OpenApiName("rule_applications") List<RuleApplicationView> ruleApplications) {

  /** One rule that fired: the exact version, the conditions that held, and its actions. */
  public record RuleApplicationView(
      @OpenApiName("rule_id") String ruleId,
      @OpenApiName("rule_version") int ruleVersion,
      @OpenApiName("rule_name") String ruleName,
      List<String> matched,
      List<Map<String, String>> actions) {

    static RuleApplicationView of(AppliedRule rule) {
      List<Map<String, String>> actions = rule.actions().stream().map(action -> {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("action", action.name());
        members.putAll(action.parameters());
        return members;
      }).toList();
      return new RuleApplicationView(rule.ruleId().toString(), rule.ruleVersion(), rule.ruleName(), rule.matched(),
          actions);
    }
  }

  static ClassificationView of(TriageExplanation explanation) {
    EmailMessage message = explanation.message();
    Triage t = message.triage();
    return new ClassificationView(message.id().toString(), t.category() == null ? null : t.category().name(),
        t.confidence(), t.needsReply(), t.flagged(), t.processed(), t.processedAt(), t.reasons(),
        explanation.ruleApplications().stream().map(RuleApplicationView::of).toList());
  }
}
