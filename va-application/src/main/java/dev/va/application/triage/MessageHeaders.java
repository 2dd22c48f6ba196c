package dev.va.application.triage;

import dev.va.domain.mail.EmailMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reading headers and addresses of a synced message. The mail adapter has already unfolded and decoded headers
 * (names lower-cased); this only splits address lists and message-id lists, enough for triage decisions.
 */
public final class MessageHeaders {
  private MessageHeaders() {}

  /** All values of a header, in order; empty when absent. */
  public static List<String> all(EmailMessage message, String name) {
    List<String> values = message.headers().get(name.toLowerCase(Locale.ROOT));
    return values == null ? List.of() : values;
  }

  /** The first value of a header, trimmed. */
  public static Optional<String> first(EmailMessage message, String name) {
    List<String> values = all(message, name);
    return values.isEmpty() || values.get(0) == null ? Optional.empty() : Optional.of(values.get(0).trim());
  }

  /** The first value of a header up to its first ';' (the bare token of Content-Type or Precedence), lower-cased. */
  public static Optional<String> token(EmailMessage message, String name) {
    return first(message, name).map(v -> {
      int semicolon = v.indexOf(';');
      return (semicolon < 0 ? v : v.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    });
  }

  /**
   * The mailbox address of one entry such as {@code "Doe, Jane" <Jane@Example.com>}, lower-cased; empty for the
   * null sender {@code <>} and for text without an address.
   */
  public static Optional<String> address(String entry) {
    if (entry == null) return Optional.empty();
    String text = stripComments(entry).trim();
    int open = text.lastIndexOf('<');
    int close = text.lastIndexOf('>');
    if (open >= 0 && close > open) text = text.substring(open + 1, close).trim();
    if (text.startsWith("\"") && text.endsWith("\"") && text.length() > 1) text = text.substring(1, text.length() - 1);
    int at = text.lastIndexOf('@');
    if (at <= 0 || at == text.length() - 1 || text.indexOf(' ') >= 0) return Optional.empty();
    return Optional.of(text.toLowerCase(Locale.ROOT));
  }

  /** Every address of an address-list header value, splitting on commas outside quotes and angle brackets. */
  public static List<String> addresses(String list) {
    List<String> out = new ArrayList<>();
    if (list == null) return out;
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean angle = false;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '\\' && quoted && i + 1 < list.length()) {
        current.append(c).append(list.charAt(++i));
        continue;
      }
      if (c == '"') quoted = !quoted;
      else if (c == '<' && !quoted) angle = true;
      else if (c == '>' && !quoted) angle = false;
      if ((c == ',' || c == ';') && !quoted && !angle) {
        address(current.toString()).ifPresent(out::add);
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    address(current.toString()).ifPresent(out::add);
    return out;
  }

  /** Addresses of every entry of a recipient list whose entries may each hold several addresses. */
  public static List<String> addresses(List<String> entries) {
    List<String> out = new ArrayList<>();
    for (String entry : entries) out.addAll(addresses(entry));
    return out;
  }

  /** The {@code <id>} tokens of In-Reply-To or References, without angle brackets. */
  public static List<String> messageIds(String value) {
    List<String> ids = new ArrayList<>();
    if (value == null) return ids;
    int from = 0;
    while (true) {
      int open = value.indexOf('<', from);
      if (open < 0) break;
      int close = value.indexOf('>', open);
      if (close < 0) break;
      String id = value.substring(open + 1, close).trim();
      if (!id.isEmpty()) ids.add(id);
      from = close + 1;
    }
    return ids;
  }

  /** The local part of a lower-cased address. */
  public static String localPart(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? address : address.substring(0, at);
  }

  /** The domain of a lower-cased address. */
  public static String domain(String address) {
    int at = address.lastIndexOf('@');
    return at < 0 ? "" : address.substring(at + 1);
  }

  private static String stripComments(String text) {
    if (text.indexOf('(') < 0) return text;
    StringBuilder out = new StringBuilder();
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' && depth == 0) quoted = !quoted;
      if (!quoted && c == '(') depth++;
      else if (!quoted && c == ')' && depth > 0) depth--;
      else if (depth == 0) out.append(c);
    }
    return out.toString();
  }
}
