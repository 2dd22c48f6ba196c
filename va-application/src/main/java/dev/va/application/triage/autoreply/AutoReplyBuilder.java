package dev.va.application.triage.autoreply;

import dev.va.application.port.out.MailProvider.OutgoingMessage;
import dev.va.application.triage.MessageHeaders;
import dev.va.domain.mail.EmailMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds the automatic reply to a message: addressed to Reply-To (else From), threaded with In-Reply-To and
 * References, subject prefixed once with "Re:", and marked as automatic (RFC 3834 {@code Auto-Submitted}, plus
 * the {@code Precedence} and {@code X-Auto-Response-Suppress} headers other responders honour) so that it does not
 * start a loop. Message-ids are passed with their angle brackets, as they appear in headers.
 */
public final class AutoReplyBuilder {
  private static final Pattern REPLY_PREFIX = Pattern.compile("^\\s*re\\s*:", Pattern.CASE_INSENSITIVE);
  private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]+\\s*");

  /** The headers that mark a reply as automatic, in the order they are written. */
  public static final Map<String, String> AUTOMATIC_HEADERS = automaticHeaders();

  private AutoReplyBuilder() {}

  /** The address a reply goes to: the first address of Reply-To, else of From. */
  public static Optional<String> replyAddress(EmailMessage message) {
    for (String value : MessageHeaders.all(message, "reply-to")) {
      List<String> addresses = MessageHeaders.addresses(value);
      if (!addresses.isEmpty()) return Optional.of(addresses.get(0));
    }
    return Optional.ofNullable(message.from()).flatMap(MessageHeaders::address);
  }

  /** The reply's subject: the original's on one line, prefixed once with "Re:". */
  public static String subject(EmailMessage original) {
    String subject = original.subject() == null ? "" : LINE_BREAKS.matcher(original.subject()).replaceAll(" ").trim();
    return REPLY_PREFIX.matcher(subject).find() ? subject : ("Re: " + subject).trim();
  }

  /**
   * @param original the message answered (only call after {@link AutoReplyPolicy} allowed it)
   * @param from the user's address the reply is sent from
   * @param body the rendered template text
   */
  public static OutgoingMessage build(EmailMessage original, String from, String body) {
    String to = replyAddress(original)
        .orElseThrow(() -> new IllegalArgumentException("the message has no address to reply to"));
    String subject = subject(original);

    List<String> references = new ArrayList<>();
    MessageHeaders.all(original, "references").forEach(v -> MessageHeaders.messageIds(v).forEach(id -> references
        .add("<" + id + ">")));
    if (references.isEmpty()) {
      // RFC 5322 3.6.4: without References, a single In-Reply-To id stands for the parent's thread
      List<String> parent = MessageHeaders.first(original, "in-reply-to").map(MessageHeaders::messageIds)
          .orElse(List.of());
      if (parent.size() == 1) references.add("<" + parent.get(0) + ">");
    }
    String inReplyTo = null;
    List<String> own = original.messageIdHeader() == null ? List.of()
        : MessageHeaders.messageIds(original.messageIdHeader());
    if (!own.isEmpty()) {
      inReplyTo = "<" + own.get(0) + ">";
      if (!references.contains(inReplyTo)) references.add(inReplyTo);
    }
    return new OutgoingMessage(from, List.of(to), List.of(), subject, body, inReplyTo, List.copyOf(references),
        AUTOMATIC_HEADERS);
  }

  private static Map<String, String> automaticHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Auto-Submitted", "auto-replied");
    headers.put("Precedence", "bulk");
    headers.put("X-Auto-Response-Suppress", "All");
    return Collections.unmodifiableMap(headers);
  }
}
