package dev.va.adapter.web.replies;

import dev.va.domain.reply.OutboxEntry;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiName;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A reply va sent, is sending, or decided not to send. */
public record OutboxView(
    String id,
    @OpenApiDescription("auto_reply (a rule's) or draft (one the user approved)") String kind,
    @OpenApiDescription("pending, sending, sent, suppressed, failed or uncertain (its worker stopped while "
        + "sending: it may have gone out; it is only sent again when you ask)") String status,
    @OpenApiDescription("why it was suppressed, failed or is uncertain") String reason,
    @OpenApiName("rule_id") String ruleId,
    @OpenApiName("rule_version") int ruleVersion,
    @OpenApiName("message_id") String messageId,
    @OpenApiName("draft_id") String draftId,
    @OpenApiName("template_id") String templateId,
    @OpenApiName("account_id") String accountId,
    @OpenApiDescription("when suppressed, whom it would have gone to; null when the message named no address to "
        + "reply to") String recipient,
    @OpenApiDescription("when suppressed, the subject it would have had") String subject,
    @OpenApiDescription("null when suppressed: nothing was written") String body,
    @OpenApiName("in_reply_to") String inReplyTo,
    List<String> references,
    @OpenApiName("message_id_header") @OpenApiDescription("chosen before sending") String messageIdHeader,
    int attempts,
    @OpenApiName("sent_at") Instant sentAt,
    @OpenApiName("created_at") Instant createdAt,
    @OpenApiName("updated_at") Instant updatedAt) {

  static OutboxView of(OutboxEntry e) {
    var r = e.reply();
    return new OutboxView(e.id().toString(), lower(e.kind()), lower(e.status()), e.reason(), e.ruleId().toString(),
        e.ruleVersion(), e.messageId().toString(), e.draftId() == null ? null : e.draftId().toString(),
        e.templateId() == null ? null : e.templateId().toString(), e.accountId().toString(),
        e.recipient(), e.subject(), r == null ? null : r.body(), r == null ? null : r.inReplyTo(),
        r == null ? List.of() : r.references(), e.messageIdHeader(), e.attempts(), e.sentAt(), e.createdAt(),
        e.updatedAt());
  }

  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
