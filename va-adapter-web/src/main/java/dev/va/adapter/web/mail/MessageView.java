package dev.va.adapter.web.mail;

import dev.va.domain.mail.EmailMessage;
import io.javalin.openapi.OpenApiName;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A message with everything va holds about it: all headers, the text body, attachments (described) and triage. */
public record MessageView(
    String id,
    @OpenApiName("account_id") String accountId,
    @OpenApiName("provider_message_id") String providerMessageId,
    @OpenApiName("thread_id") String threadId,
    @OpenApiName("message_id_header") String messageIdHeader,
    String from,
    List<String> to,
    List<String> cc,
    String subject,
    @OpenApiName("received_at") Instant receivedAt,
    Map<String, List<String>> headers,
    @OpenApiName("body_text") String bodyText,
    List<AttachmentView> attachments,
    @OpenApiName("size_bytes") long sizeBytes,
    List<String> labels,
    @OpenApiName("parse_warnings") List<String> parseWarnings,
    TriageView triage,
    @OpenApiName("created_at") Instant createdAt,
    @OpenApiName("updated_at") Instant updatedAt) {

  /** An attachment's metadata; its content is not stored. */
  public record AttachmentView(String name, @OpenApiName("content_type") String contentType, long size) {}

  static MessageView of(EmailMessage m) {
    return new MessageView(m.id().toString(), m.accountId().toString(), m.providerMessageId(), m.threadId(),
        m.messageIdHeader(), m.from(), m.to(), m.cc(), m.subject(), m.receivedAt(), m.headers(), m.bodyText(),
        m.attachments().stream().map(a -> new AttachmentView(a.name(), a.contentType(), a.size())).toList(),
        m.sizeBytes(), m.labels(), m.parseWarnings(), TriageView.of(m.triage()), m.createdAt(), m.updatedAt());
  }
}
