package dev.va.domain.reply;

import dev.va.domain.shared.Require;
import java.util.List;

/**
 * The text of a reply and how it threads: one recipient, a one-line subject, a plain-text body, and the
 * {@code In-Reply-To} and {@code References} message-ids (with their angle brackets) of the message answered.
 */
public record ReplyMessage(String recipient, String subject, String body, String inReplyTo, List<String> references) {
  public static final int MAX_RECIPIENT = 320;
  public static final int MAX_SUBJECT = 500;
  public static final int MAX_BODY = 20_000;

  public ReplyMessage {
    Require.notBlank(recipient, "recipient");
    Require.maxLength(recipient, MAX_RECIPIENT, "recipient");
    Require.that(oneLine(recipient), "recipient", "recipient must be one line");
    Require.nonNull(subject, "subject");
    Require.maxLength(subject, MAX_SUBJECT, "subject");
    Require.that(oneLine(subject), "subject", "subject must be one line");
    Require.nonNull(body, "body");
    Require.maxLength(body, MAX_BODY, "body");
    Require.that(inReplyTo == null || oneLine(inReplyTo), "in_reply_to", "in_reply_to must be one line");
    references = List.copyOf(references == null ? List.of() : references);
    Require.that(references.stream().allMatch(ReplyMessage::oneLine), "references", "references must be one line each");
  }

  public ReplyMessage withText(String newSubject, String newBody) {
    return new ReplyMessage(recipient, newSubject, newBody, inReplyTo, references);
  }

  /** Whether an address can be a reply's recipient at all: not blank, one line, not too long. */
  public static boolean fitsRecipient(String address) {
    return !address.isBlank() && address.length() <= MAX_RECIPIENT && oneLine(address);
  }

  static boolean oneLine(String value) {
    return value.indexOf('\r') < 0 && value.indexOf('\n') < 0;
  }
}
