package dev.va.adapter.web.mail;

import dev.va.domain.mail.EmailMessage;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiName;
import java.time.Instant;
import java.util.List;

/** A message in a list: without headers and body, which {@code GET /api/v1/email/messages/{id}} returns. */
public record MessageSummaryView(
    String id,
    @OpenApiName("account_id") String accountId,
    @OpenApiName("thread_id") String threadId,
    String from,
    List<String> to,
    String subject,
    @OpenApiName("received_at") Instant receivedAt,
    @OpenApiDescription("the start of the text body, at most 200 characters")
    String snippet,
    @OpenApiName("has_attachments") boolean hasAttachments,
    @OpenApiName("size_bytes") long sizeBytes,
    List<String> labels,
    TriageView triage) {

  static final int SNIPPET_LENGTH = 200;

  static MessageSummaryView of(EmailMessage m) {
    return new MessageSummaryView(m.id().toString(), m.accountId().toString(), m.threadId(), m.from(), m.to(),
        m.subject(), m.receivedAt(), snippet(m.bodyText()), m.hasAttachments(), m.sizeBytes(), m.labels(),
        TriageView.of(m.triage()));
  }

  private static String snippet(String body) {
    if (body == null) return null;
    String flat = body.strip().replaceAll("\\s+", " ");
    if (flat.length() <= SNIPPET_LENGTH) return flat;
    // never cut a surrogate pair in two
    int end = Character.isHighSurrogate(flat.charAt(SNIPPET_LENGTH - 1)) ? SNIPPET_LENGTH - 1 : SNIPPET_LENGTH;
    return flat.substring(0, end);
  }
}
