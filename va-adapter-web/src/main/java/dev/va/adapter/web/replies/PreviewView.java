package dev.va.adapter.web.replies;

import com.fasterxml.jackson.databind.JsonNode;
import dev.va.application.json.Json;
import dev.va.application.port.in.RuleUseCases.PreviewMatch;
import dev.va.application.port.in.RuleUseCases.RulePreview;
import dev.va.application.triage.TriageOutcome;
import dev.va.application.triage.TriageOutcome.AutoReplyPlan;
import dev.va.domain.mail.EmailMessage;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiPropertyType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** What a rule would do to the latest stored messages; nothing was changed to find out. */
public record PreviewView(
    @OpenApiDescription("the rule previewed; id and version of a saved rule only") RuleView rule,
    @OpenApiDescription("how many stored messages were looked at, newest first") int examined,
    @OpenApiDescription("the messages the rule matches, newest first") List<Match> matches) {

  /** One message the rule matches and what triage would do with it. */
  public record Match(
      @OpenApiName("message_id") String messageId,
      @OpenApiName("account_id") String accountId,
      String from,
      String subject,
      @OpenApiName("received_at") Instant receivedAt,
      String category,
      double confidence,
      @OpenApiName("classified_by") @OpenApiDescription("stored (triage ran already) or local") String classifiedBy,
      @OpenApiDescription("the conditions that held") List<String> matched,
      @OpenApiPropertyType(definedBy = Object.class) @OpenApiDescription("the actions triage would carry out, "
          + "as in the rule document, without auto_reply and stop") List<JsonNode> actions,
      @OpenApiName("auto_reply") @OpenApiDescription("the auto-reply the rule asks for, and whether it would go "
          + "out; null when it asks for none") AutoReply autoReply) {}

  /** A requested auto-reply and the decision on it. */
  public record AutoReply(
      @OpenApiDescription("true: it would be sent; false: suppressed") boolean send,
      String reason,
      @OpenApiName("reply_to") String replyTo,
      @OpenApiName("template_id") String templateId) {}

  static PreviewView of(RulePreview preview) {
    RuleView rule = RuleView.of(preview.rule());
    if (!preview.saved()) {
      rule = new RuleView(null, rule.name(), rule.priority(), rule.enabled(), 0, rule.document(), null, null);
    }
    return new PreviewView(rule, preview.examined(), preview.matches().stream().map(PreviewView::match).toList());
  }

  private static Match match(PreviewMatch match) {
    EmailMessage m = match.message();
    TriageOutcome o = match.outcome();
    AutoReply autoReply = o.autoReply().map(PreviewView::autoReply).orElse(null);
    return new Match(m.id().toString(), m.accountId().toString(), m.from(), m.subject(), m.receivedAt(),
        o.category().name(), o.confidence(), o.classifiedBy().name().toLowerCase(Locale.ROOT),
        o.ruleApplications().stream().flatMap(a -> a.matched().stream()).toList(),
        o.actions().stream().map(a -> JsonDocuments.tree(Json.write(a.toJson()))).toList(), autoReply);
  }

  private static AutoReply autoReply(AutoReplyPlan plan) {
    return new AutoReply(plan.decision().send(), plan.decision().reason(), plan.replyTo(),
        plan.template().toString());
  }
}
