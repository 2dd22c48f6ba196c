package dev.va.application.triage.classify;

import dev.va.application.triage.MessageHeaders;
import dev.va.domain.mail.EmailMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns text and messages into features: lower-case words, with URLs, e-mail addresses, numbers and amounts of
 * money replaced by placeholders (keeping a URL's host), plus header-aware features prefixed by where they come
 * from ({@code s:} subject words, {@code from_domain:}, {@code h:} structural headers). Only headers a sender sets
 * are used, never the verdicts of spam filters along the way.
 */
public final class TextFeatures {
  /** Bodies are cut here: the start of a message carries its intent, and cost stays bounded. */
  public static final int MAX_BODY_CHARS = 20_000;

  private TextFeatures() {}

  /** Word features of free text. */
  public static List<String> words(String text) {
    return tokens(text, "", Integer.MAX_VALUE);
  }

  /** Features of a whole message: body words, subject words, sender domain and a few structural headers. */
  public static List<String> message(EmailMessage message) {
    List<String> out = new ArrayList<>();
    String body = message.bodyText() == null ? "" : message.bodyText();
    out.addAll(tokens(body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body, "", 4_000));
    out.addAll(tokens(message.subject() == null ? "" : message.subject(), "s:", 100));
    String from = message.from() == null ? "" : MessageHeaders.address(message.from()).orElse("");
    if (!from.isEmpty()) {
      String domain = MessageHeaders.domain(from);
      out.add("from_domain:" + domain);
      int dot = domain.lastIndexOf('.');
      if (dot >= 0) out.add("from_tld:" + domain.substring(dot + 1));
    } else {
      out.add("from:none");
    }
    MessageHeaders.token(message, "content-type").ifPresent(t -> out.add("h:content-type:" + t));
    mailer(message).ifPresent(m -> out.add("h:mailer:" + m));
    String idDomain = MessageHeaders.first(message, "message-id").map(MessageHeaders::messageIds)
        .filter(ids -> !ids.isEmpty()).map(ids -> MessageHeaders.domain(ids.get(0)).toLowerCase(Locale.ROOT))
        .orElse(null);
    if (idDomain == null) out.add("h:no-message-id");
    else if (!from.isEmpty() && sameOrganisation(idDomain, MessageHeaders.domain(from))) out.add("h:message-id-from");
    if (MessageHeaders.all(message, "date").isEmpty()) out.add("h:no-date");
    out.add("h:received:" + Math.min(MessageHeaders.all(message, "received").size(), 8));
    String subject = message.subject() == null ? "" : message.subject();
    long letters = subject.chars().filter(Character::isLetter).count();
    if (letters >= 8 && subject.chars().filter(Character::isUpperCase).count() * 10 >= letters * 8) {
      out.add("s:__shouting");
    }
    for (String name : List.of("list-id", "list-unsubscribe", "in-reply-to", "references")) {
      if (!MessageHeaders.all(message, name).isEmpty()) out.add("h:" + name);
    }
    if (message.hasAttachments()) out.add("h:attachment");
    MessageHeaders.first(message, "reply-to").flatMap(MessageHeaders::address).ifPresent(replyTo -> {
      if (!replyTo.equals(from)) out.add("h:reply-to-differs");
    });
    return out;
  }

  /** The mail program, by the first word of X-Mailer or User-Agent. */
  private static java.util.Optional<String> mailer(EmailMessage message) {
    return MessageHeaders.first(message, "x-mailer").or(() -> MessageHeaders.first(message, "user-agent"))
        .map(v -> v.toLowerCase(Locale.ROOT).split("[\\s/(;]+", 2)[0])
        .filter(v -> !v.isEmpty() && v.length() <= 40);
  }

  /** Whether two host names share their last two labels (mail.example.com and example.com do). */
  private static boolean sameOrganisation(String a, String b) {
    return !a.isEmpty() && lastLabels(a).equals(lastLabels(b));
  }

  private static String lastLabels(String host) {
    String[] labels = host.split("\\.");
    return labels.length < 2 ? host : labels[labels.length - 2] + "." + labels[labels.length - 1];
  }

  /** Word features of text, each prefixed, at most {@code limit} of them (see {@link Tokenizer}). */
  static List<String> tokens(String text, String prefix, int limit) {
    return Tokenizer.tokens(text, prefix, limit);
  }
}
