package dev.va.application.reply;

import dev.va.application.triage.MessageHeaders;
import dev.va.application.triage.autoreply.AutoReplyBuilder;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.reply.ReplyDraft;
import dev.va.domain.reply.ReplyMessage;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.reply.UnsentReply;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Writes the reply to a message: addressed and threaded by {@link AutoReplyBuilder}, text from a template with its
 * placeholders filled from the message (or a body written elsewhere, taken literally). Values come from a stranger's mail, so each is one line of bounded length;
 * the body is plain text, so they cannot turn into markup or headers.
 */
final class ReplyText {
  static final int MAX_VALUE = 200;
  private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t]+");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

  private ReplyText() {}

  /** The reply, or empty when the message names nobody to reply to. */
  static Optional<ReplyMessage> write(EmailMessage original, ReplyTemplate template) {
    return write(original, template.subject(), template.body());
  }

  /** A draft's text where no template was given: a greeting and a placeholder for the user to replace. */
  static Optional<ReplyMessage> placeholder(EmailMessage original) {
    return write(original, null, "Hello {{sender_name}},\n\n" + ReplyDraft.PLACEHOLDER + "\n");
  }

  /** A reply whose body was written elsewhere (a language model): taken as it is, never filled in. */
  static Optional<ReplyMessage> written(EmailMessage original, String body) {
    return build(original, null, recipient -> body);
  }

  private static Optional<ReplyMessage> write(EmailMessage original, String subject, String body) {
    return build(original, subject, recipient -> fill(original, recipient, body));
  }

  private static Optional<ReplyMessage> build(EmailMessage original, String subject,
      Function<String, String> bodyFor) {
    if (AutoReplyBuilder.replyAddress(original).isEmpty()) return Optional.empty();
    var built = AutoReplyBuilder.build(original, null, "");
    String recipient = built.to().get(0);
    String filledSubject = subject == null ? built.subject() : oneLine(fill(original, recipient, subject));
    String filledBody = bodyFor.apply(recipient);
    return Optional.of(new ReplyMessage(recipient, cut(filledSubject, ReplyMessage.MAX_SUBJECT),
        cut(filledBody, ReplyMessage.MAX_BODY), built.inReplyTo(), built.references()));
  }

  /**
   * To whom and about what a suppressed auto-reply would have gone. The subject is the builder's, never a template's:
   * the template may be unapproved or gone, and the text was never written. An address no reply could carry (or none)
   * leaves the recipient out rather than failing the suppression's record.
   */
  static UnsentReply unsent(EmailMessage original) {
    String recipient = AutoReplyBuilder.replyAddress(original).filter(ReplyMessage::fitsRecipient).orElse(null);
    return new UnsentReply(recipient, cut(AutoReplyBuilder.subject(original), ReplyMessage.MAX_SUBJECT));
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  private static String fill(EmailMessage original, String recipient, String text) {
    return ReplyTemplate.fill(text, name -> switch (name) {
      case "sender_name" -> senderName(original, recipient);
      case "sender_email" -> recipient;
      case "subject" -> value(original.subject() == null ? "" : original.subject());
      default -> throw new IllegalArgumentException("unknown placeholder " + name);
    });
  }

  /** The display name of From, else the part of the address before @. */
  static String senderName(EmailMessage original, String recipient) {
    String from = original.from() == null ? "" : original.from().trim();
    int open = from.lastIndexOf('<');
    String name = open > 0 ? from.substring(0, open).trim() : "";
    if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
      name = name.substring(1, name.length() - 1).replace("\\\"", "\"").trim();
    }
    return name.isEmpty() ? MessageHeaders.localPart(recipient) : value(name);
  }

  private static String value(String text) {
    String line = oneLine(text);
    return line.length() <= MAX_VALUE ? line : line.substring(0, MAX_VALUE);
  }

  private static String oneLine(String text) {
    return CONTROL.matcher(LINE_BREAKS.matcher(text).replaceAll(" ")).replaceAll("").trim();
  }
}
