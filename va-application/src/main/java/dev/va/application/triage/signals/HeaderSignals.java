package dev.va.application.triage.signals;

import dev.va.application.triage.MessageHeaders;
import dev.va.application.triage.signals.Signal.ReplyHint;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads the headers that mail software sets on purpose: bounces, automatic messages, list traffic, calendar
 * invitations, and replies in threads the user wrote in. Each finding is a {@link Signal}, strongest first.
 */
public final class HeaderSignals {
  private static final Set<String> NO_REPLY_LOCAL_PARTS = Set.of("noreply", "no-reply", "no_reply", "donotreply",
      "do-not-reply", "do_not_reply", "dontreply", "dont-reply", "bounce", "bounces");
  private static final Pattern AUTOMATED_LOCAL_PART =
      Pattern.compile("^(notifications?|notify|alerts?|automailer|mailer|updates?|news)([-_.+].*)?$");
  private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
      "^(undeliver(able|ed)|delivery status notification|returned mail|failure notice|mail delivery (failed|failure))",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern METHOD = Pattern.compile("method\\s*=\\s*\"?([a-z]+)", Pattern.CASE_INSENSITIVE);

  private final Predicate<String> isOwnMessageId;

  /** @param isOwnMessageId whether a Message-ID (without angle brackets) is one of the user's sent messages */
  public HeaderSignals(Predicate<String> isOwnMessageId) {
    this.isOwnMessageId = Objects.requireNonNull(isOwnMessageId, "isOwnMessageId");
  }

  /** The signals of a message, strongest (highest confidence) first; empty when the headers say nothing. */
  public List<Signal> detect(EmailMessage message) {
    List<Signal> found = new ArrayList<>();
    String sender = message.from() == null ? "" : MessageHeaders.address(message.from()).orElse("");
    String local = MessageHeaders.localPart(sender);
    bounce(message, local).ifPresent(found::add);
    autoSubmitted(message).ifPresent(found::add);
    thread(message).ifPresent(found::add);
    calendar(message, local).ifPresent(found::add);
    list(message).ifPresent(found::add);
    if (NO_REPLY_LOCAL_PARTS.contains(local)) {
      found.add(new Signal("no_reply_sender", Category.NOTIFICATION, 0.85, false, ReplyHint.NOT_EXPECTED,
          "sent from a no-reply address (" + sender + ")"));
    } else if (AUTOMATED_LOCAL_PART.matcher(local).matches()) {
      found.add(new Signal("automated_sender", Category.NOTIFICATION, 0.7, false, ReplyHint.NOT_EXPECTED,
          "sent from an automated address (" + sender + ")"));
    }
    found.sort(Comparator.comparingDouble(Signal::confidence).reversed());
    return found;
  }

  private Optional<Signal> bounce(EmailMessage message, String local) {
    String type = MessageHeaders.token(message, "content-type").orElse("");
    String subject = message.subject() == null ? "" : message.subject().trim();
    String why = null;
    if (type.equals("multipart/report") || type.equals("message/delivery-status")) {
      why = "a delivery report (Content-Type " + type + ")";
    } else if (local.equals("mailer-daemon") || local.equals("postmaster")) {
      why = "sent by the mail system (" + local + ")";
    } else if (nullSender(message) && BOUNCE_SUBJECT.matcher(subject).find()) {
      why = "a bounce (null sender, subject \"" + subject + "\")";
    }
    return Optional.ofNullable(why).map(w -> new Signal("bounce", Category.NOTIFICATION, 0.99, true,
        ReplyHint.NOT_EXPECTED, "bounce: " + w));
  }

  private static boolean nullSender(EmailMessage message) {
    return MessageHeaders.first(message, "return-path").map(v -> v.replaceAll("\\s", "").equals("<>"))
        .orElse(false);
  }

  private static Optional<Signal> autoSubmitted(EmailMessage message) {
    Optional<String> value = MessageHeaders.token(message, "auto-submitted");
    if (value.isPresent() && !value.get().equals("no")) {
      return Optional.of(new Signal("auto_submitted", Category.NOTIFICATION, 0.95, true, ReplyHint.NOT_EXPECTED,
          "sent automatically (Auto-Submitted: " + value.get() + ")"));
    }
    if (!MessageHeaders.all(message, "x-autoreply").isEmpty()
        || !MessageHeaders.all(message, "x-autorespond").isEmpty()) {
      return Optional.of(new Signal("auto_submitted", Category.NOTIFICATION, 0.9, false, ReplyHint.NOT_EXPECTED,
          "an automatic reply (X-Autoreply)"));
    }
    return Optional.empty();
  }

  private Optional<Signal> thread(EmailMessage message) {
    List<String> ids = new ArrayList<>();
    MessageHeaders.all(message, "in-reply-to").forEach(v -> ids.addAll(MessageHeaders.messageIds(v)));
    MessageHeaders.all(message, "references").forEach(v -> ids.addAll(MessageHeaders.messageIds(v)));
    for (String id : ids) {
      if (isOwnMessageId.test(id)) {
        return Optional.of(new Signal("own_thread", Category.PERSONAL, 0.9, false, ReplyHint.EXPECTED,
            "a reply in a thread you wrote in (<" + id + ">)"));
      }
    }
    return Optional.empty();
  }

  private static Optional<Signal> calendar(EmailMessage message, String local) {
    String method = null;
    boolean invite = false;
    String contentType = MessageHeaders.first(message, "content-type").orElse("");
    if (contentType.toLowerCase(Locale.ROOT).startsWith("text/calendar")) {
      invite = true;
      method = method(contentType);
    }
    for (EmailMessage.Attachment a : message.attachments()) {
      String type = a.contentType() == null ? "" : a.contentType().toLowerCase(Locale.ROOT);
      String name = a.name() == null ? "" : a.name().toLowerCase(Locale.ROOT);
      if (type.startsWith("text/calendar") || type.startsWith("application/ics") || name.endsWith(".ics")) {
        invite = true;
        if (method == null) method = method(type);
      }
    }
    if (!invite) return Optional.empty();
    boolean automated = NO_REPLY_LOCAL_PARTS.contains(local) || AUTOMATED_LOCAL_PART.matcher(local).matches();
    if ("request".equals(method) && !automated) {
      return Optional.of(new Signal("calendar_invite", Category.IMPORTANT, 0.8, false, ReplyHint.EXPECTED,
          "a calendar invitation awaiting your answer"));
    }
    return Optional.of(new Signal("calendar_update", Category.NOTIFICATION, 0.8, false, ReplyHint.NOT_EXPECTED,
        "a calendar " + (method == null ? "file" : method.equals("request") ? "invitation from an automated sender"
            : "update (" + method + ")")));
  }

  private static String method(String contentType) {
    var m = METHOD.matcher(contentType);
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  private static Optional<Signal> list(EmailMessage message) {
    List<String> listHeaders = new ArrayList<>();
    for (String name : List.of("list-id", "list-unsubscribe", "list-post", "list-help")) {
      if (!MessageHeaders.all(message, name).isEmpty()) listHeaders.add(name);
    }
    String precedence = MessageHeaders.token(message, "precedence").orElse("");
    boolean bulk = precedence.equals("bulk") || precedence.equals("list") || precedence.equals("junk");
    if (listHeaders.isEmpty() && !bulk) return Optional.empty();
    double confidence = listHeaders.isEmpty() ? 0.75 : bulk ? 0.9 : 0.85;
    String why = listHeaders.isEmpty() ? "bulk mail (Precedence: " + precedence + ")"
        : "mailing-list mail (" + String.join(", ", listHeaders) + (bulk ? ", Precedence: " + precedence : "")
            + ")";
    return Optional.of(new Signal("bulk", Category.NEWSLETTER, confidence, false, ReplyHint.NOT_EXPECTED, why));
  }
}
