package dev.va.adapter.persistence;

import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.mail.Triage;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code email_messages}: lists and headers as JSON text, the triage flattened into columns. */
record EmailMessageRow(
    UUID id,
    UUID accountId,
    UUID userId,
    String providerMessageId,
    String threadId,
    String messageIdHeader,
    String fromAddress,
    String toAddresses,
    String ccAddresses,
    String subject,
    Instant receivedAt,
    String headers,
    String bodyText,
    String attachments,
    long sizeBytes,
    String labels,
    String parseWarnings,
    String category,
    double confidence,
    boolean needsReply,
    boolean flagged,
    boolean autoReplySent,
    boolean processed,
    Instant processedAt,
    String triageReasons,
    Instant createdAt,
    Instant updatedAt) {

  static EmailMessageRow of(EmailMessage m) {
    Triage t = m.triage();
    return new EmailMessageRow(m.id().value(), m.accountId().value(), m.userId().value(), m.providerMessageId(),
        m.threadId(), m.messageIdHeader(), m.from(), Json.write(m.to()), Json.write(m.cc()), m.subject(),
        m.receivedAt(), Json.write(m.headers()), m.bodyText(), Json.write(m.attachments()), m.sizeBytes(),
        Json.write(m.labels()), Json.write(m.parseWarnings()), t.category() == null ? null : t.category().name(),
        t.confidence(), t.needsReply(), t.flagged(), t.autoReplySent(), t.processed(), t.processedAt(),
        Json.write(t.reasons()), m.createdAt(), m.updatedAt());
  }

  EmailMessage toDomain() {
    Triage triage = new Triage(category == null ? null : new Category(category), confidence, needsReply, flagged,
        autoReplySent, processed, processedAt, Json.strings(triageReasons));
    return new EmailMessage(new EmailMessageId(id), new EmailAccountId(accountId), new UserId(userId),
        providerMessageId, threadId, messageIdHeader, fromAddress, Json.strings(toAddresses),
        Json.strings(ccAddresses), subject, receivedAt, Json.headers(headers), bodyText,
        Json.attachments(attachments), sizeBytes, Json.strings(labels), Json.strings(parseWarnings), triage,
        createdAt, updatedAt);
  }
}
