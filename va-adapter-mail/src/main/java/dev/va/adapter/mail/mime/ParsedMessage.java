package dev.va.adapter.mail.mime;

import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.mail.Triage;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A message as parsed from its MIME form, independent of the provider it came from. Addresses are in display form
 * ({@code Name <addr@example.com>} or {@code addr@example.com}), decoded. {@code headers} holds every field under
 * its lower-cased name with the RFC 2047-decoded values in message order. {@code date} is null when the message has
 * no readable Date header. Whatever could not be read is told in {@code parseWarnings}.
 */
public record ParsedMessage(
    String messageId,
    String inReplyTo,
    List<String> references,
    String from,
    List<String> replyTo,
    List<String> to,
    List<String> cc,
    String subject,
    Instant date,
    Map<String, List<String>> headers,
    String bodyText,
    List<EmailMessage.Attachment> attachments,
    long sizeBytes,
    List<String> parseWarnings) {

  public ParsedMessage {
    references = List.copyOf(references);
    replyTo = List.copyOf(replyTo);
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    Map<String, List<String>> ordered = new LinkedHashMap<>();
    headers.forEach((name, values) -> ordered.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(ordered);
    attachments = List.copyOf(attachments);
    parseWarnings = List.copyOf(parseWarnings);
  }

  /** The values of a header (name in any case), empty when absent. */
  public List<String> header(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** The Message-ID of the first message of the conversation as far as this one tells, else its own, else null. */
  public String threadRoot() {
    if (!references.isEmpty()) return references.get(0);
    return inReplyTo != null ? inReplyTo : messageId;
  }

  /**
   * The domain message for this parse. {@code receivedAt} is the provider's arrival time when known (null: the Date
   * header, else {@code now}); a message with neither From nor Date stays valid and keeps its warnings.
   */
  public EmailMessage toEmailMessage(EmailAccountId accountId, UserId userId, String providerMessageId,
      Instant receivedAt, List<String> labels, Instant now) {
    Instant received = receivedAt != null ? receivedAt : date != null ? date : now;
    return new EmailMessage(EmailMessageId.random(), accountId, userId, providerMessageId, threadRoot(), messageId,
        from, to, cc, subject, received, headers, bodyText, attachments, sizeBytes, labels, parseWarnings, Triage.PENDING,
        now, now);
  }
}
