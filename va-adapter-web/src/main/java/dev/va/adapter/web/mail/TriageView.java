package dev.va.adapter.web.mail;

import dev.va.domain.mail.Triage;
import io.javalin.openapi.OpenApiName;
import java.time.Instant;
import java.util.List;

/** Triage state of a message; {@code processed} is false (and {@code category} null) until triage has run. */
public record TriageView(
    String category,
    double confidence,
    @OpenApiName("needs_reply") boolean needsReply,
    boolean flagged,
    @OpenApiName("auto_reply_sent") boolean autoReplySent,
    boolean processed,
    @OpenApiName("processed_at") Instant processedAt,
    List<String> reasons) {

  static TriageView of(Triage t) {
    return new TriageView(t.category() == null ? null : t.category().name(), t.confidence(), t.needsReply(),
        t.flagged(), t.autoReplySent(), t.processed(), t.processedAt(), t.reasons());
  }
}
