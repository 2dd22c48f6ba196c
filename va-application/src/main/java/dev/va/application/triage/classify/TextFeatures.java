package dev.va.application.triage.classify;

import dev.va.application.triage.MessageHeaders;
import dev.va.domain.mail.EmailMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns text and messages into features: lower-case words, with URLs, e-mail addresses, numbers and amounts of
 * money replaced by placeholders (keeping a URL's host), plus header-aware features prefixed by where they come
 * from ({@code s:} subject words, {@code from_domain:}, {@code h:} structural headers). Only headers a sender sets
 * are used, never the verdicts of spam filters along the way.
 */
public final class TextFeatures {
  /** Bodies are cut here: the start of a message carries its intent, and cost stays bounded. */
  public static final int MAX_BODY_CHARS = 20_000;

  private static final Pattern TOKEN = Pattern.compile(
      "(?<url>(?:https?://|www\\.)[^\\s<>\"')\\]]+)"
          // bounded repetitions: every start position is examined in constant time, so no input is slow
          + "|(?<email>[\\p{L}\\p{N}][\\p{L}\\p{N}._%+-]{0,63}@[\\p{L}\\p{N}-]{1,63}(?:\\.[\\p{L}\\p{N}-]{1,63}){1,8})"
          + "|(?<money>[$€£]\\s?\\d[\\d,.]*|\\d[\\d,.]*\\s?(?:usd|eur|gbp|dollars?|euros?))"
          // character classes only: a repeated group recurses in java.util.regex and long input would overflow
          + "|(?<number>\\d[\\d.,:]*)"
          + "|(?<word>\\p{L}[\\p{L}\\p{N}'_]*)"
          + "|(?<mark>[!?])");
  // the numbers of TOKEN's named groups, in the order they open
  private static final int URL = 1;
  private static final int EMAIL = 2;
  private static final int MONEY = 3;
  private static final int NUMBER = 4;
  private static final int WORD = 5;
  private static final int MARK = 6;
  private static final Pattern HOST = Pattern.compile("^(?:https?://)?(?:www\\.)?([^/:?#]+)");

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

  /** Word features of text, each prefixed, at most {@code limit} of them. */
  static List<String> tokens(String text, String prefix, int limit) {
    List<String> out = new ArrayList<>();
    if (text == null || text.isEmpty()) return out;
    Matcher m = TOKEN.matcher(text);
    while (m.find() && out.size() < limit) {
      // groups by number: a lookup by name costs a map access per group and token
      if (m.start(URL) >= 0) {
        out.add(prefix + "__url");
        Matcher host = HOST.matcher(m.group(URL).toLowerCase(Locale.ROOT));
        if (host.find()) out.add(prefix + "url_host:" + host.group(1));
      } else if (m.start(EMAIL) >= 0) {
        out.add(prefix + "__email");
      } else if (m.start(MONEY) >= 0) {
        out.add(prefix + "__money");
      } else if (m.start(NUMBER) >= 0) {
        out.add(prefix + "__num");
      } else if (m.start(MARK) >= 0) {
        out.add(prefix + m.group(MARK));
      } else {
        String word = m.group(WORD).toLowerCase(Locale.ROOT);
        if (word.length() <= 30) out.add(prefix + word);
      }
    }
    return out;
  }
}
