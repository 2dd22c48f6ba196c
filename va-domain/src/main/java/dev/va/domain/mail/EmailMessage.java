package dev.va.domain.mail;

import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message synced from a provider, with its triage state. Headers are all kept (rules and auto-reply safety read
 * them); the body is text only and attachments are described, not stored. A message that could only partly be
 * parsed carries {@code parseWarnings}.
 */
public record EmailMessage(
    EmailMessageId id,
    EmailAccountId accountId,
    UserId userId,
    String providerMessageId,
    String threadId,
    String messageIdHeader,
    String from,
    List<String> to,
    List<String> cc,
    String subject,
    Instant receivedAt,
    Map<String, List<String>> headers,
    String bodyText,
    List<Attachment> attachments,
    long sizeBytes,
    List<String> labels,
    List<String> parseWarnings,
    Triage triage,
    Instant createdAt,
    Instant updatedAt) {

  /** Metadata of an attachment; its content is not stored. */
  public record Attachment(String name, String contentType, long size) {
    public Attachment {
      Require.that(size >= 0, "size", "size must not be negative");
    }
  }

  public EmailMessage {
    Require.nonNull(id, "id");
    Require.nonNull(accountId, "account_id");
    Require.nonNull(userId, "user_id");
    Require.notBlank(providerMessageId, "provider_message_id");
    Require.maxLength(providerMessageId, 512, "provider_message_id");
    to = List.copyOf(to == null ? List.of() : to);
    cc = List.copyOf(cc == null ? List.of() : cc);
    headers = Map.copyOf(headers == null ? Map.of() : headers);
    attachments = List.copyOf(attachments == null ? List.of() : attachments);
    Require.that(sizeBytes >= 0, "size_bytes", "size_bytes must not be negative");
    labels = List.copyOf(labels == null ? List.of() : labels);
    parseWarnings = List.copyOf(parseWarnings == null ? List.of() : parseWarnings);
    Require.nonNull(triage, "triage");
    Require.nonNull(receivedAt, "received_at");
    Require.nonNull(createdAt, "created_at");
    Require.nonNull(updatedAt, "updated_at");
  }

  public boolean hasAttachments() {
    return !attachments.isEmpty();
  }

  public EmailMessage withTriage(Triage newTriage, Instant now) {
    return new EmailMessage(id, accountId, userId, providerMessageId, threadId, messageIdHeader, from, to, cc,
        subject, receivedAt, headers, bodyText, attachments, sizeBytes, labels, parseWarnings, newTriage, createdAt,
        now);
  }

  public EmailMessage withLabels(List<String> newLabels, Instant now) {
    return new EmailMessage(id, accountId, userId, providerMessageId, threadId, messageIdHeader, from, to, cc,
        subject, receivedAt, headers, bodyText, attachments, sizeBytes, newLabels, parseWarnings, triage, createdAt,
        now);
  }
}
