package dev.va.adapter.web.replies;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.ReplyDraft;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiName;
import java.time.Instant;
import java.util.List;

/** A reply draft as the API shows it; a single approved draft also shows the outbox entry that sends it. */
public record DraftView(
    String id,
    @OpenApiDescription("pending (waits for you), approved (sent once, through the outbox) or rejected (never "
        + "sent)") String status,
    @OpenApiName("message_id") String messageId,
    @OpenApiName("account_id") String accountId,
    @OpenApiName("rule_id") String ruleId,
    @OpenApiName("rule_version") int ruleVersion,
    @OpenApiName("template_id") String templateId,
    @OpenApiDescription("where the first text came from: template, llm (a language model wrote it from the message) "
        + "or placeholder (write the reply before approving)") String source,
    @OpenApiDescription("why the draft is not what the rule asked for, e.g. no language model configured or no "
        + "answer from it (null when it is)") String note,
    String recipient,
    String subject,
    String body,
    @OpenApiName("in_reply_to") String inReplyTo,
    List<String> references,
    @OpenApiName("outbox_id") String outboxId,
    @OpenApiDescription("every change adds one") int version,
    @OpenApiName("created_at") Instant createdAt,
    @OpenApiName("updated_at") Instant updatedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) OutboxView outbox) {

  static DraftView of(ReplyDraft d) {
    return of(d, null);
  }

  static DraftView of(ReplyDraft d, OutboxEntry entry) {
    var r = d.reply();
    return new DraftView(d.id().toString(), OutboxView.lower(d.status()), d.messageId().toString(),
        d.accountId().toString(), d.ruleId().toString(), d.ruleVersion(),
        d.templateId() == null ? null : d.templateId().toString(), OutboxView.lower(d.source()),
        d.note(), r.recipient(), r.subject(), r.body(),
        r.inReplyTo(), r.references(), d.outboxId() == null ? null : d.outboxId().toString(), d.version(),
        d.createdAt(), d.updatedAt(), entry == null ? null : OutboxView.of(entry));
  }
}
