package dev.va.adapter.mail.mime;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Address headers to display form; what Jakarta Mail cannot parse is split by hand and kept. */
final class Addresses {
  private static final Pattern MSG_ID = Pattern.compile("<[^<>\\s]+>");

  private Addresses() {}

  /** Mailboxes of an address header (raw, not yet RFC 2047 decoded), as {@code Name <addr>} or {@code addr}. */
  static List<String> parse(String raw, String header, Warnings warnings) {
    List<String> out = new ArrayList<>();
    if (raw == null || raw.isBlank()) return out;
    try {
      for (InternetAddress address : InternetAddress.parseHeader(raw, false)) {
        if (address.isGroup()) {
          for (InternetAddress member : address.getGroup(false)) add(member, out, warnings);
        } else {
          add(address, out, warnings);
        }
      }
    } catch (AddressException | RuntimeException e) {
      warnings.add("unparseable address header '" + header + "'; kept as written");
      out.clear();
      for (String piece : splitOutsideQuotes(EncodedWords.decode(raw, warnings))) {
        if (!piece.isBlank()) out.add(piece.strip());
      }
    }
    return out;
  }

  private static void add(InternetAddress address, List<String> out, Warnings warnings) {
    String addr = address.getAddress() == null ? "" : address.getAddress().strip();
    String personal = writtenPersonal(address);
    if (personal != null) personal = EncodedWords.decode(personal, warnings).strip();
    if (personal == null || personal.isEmpty() || personal.equals(addr)) {
      if (!addr.isEmpty()) out.add(addr);
    } else {
      out.add(addr.isEmpty() ? personal : personal + " <" + addr + ">");
    }
  }

  /**
   * The display name as written, RFC 2047 words still encoded (they are decoded here, as everywhere else), or null.
   * Not {@link InternetAddress#getPersonal()}: it decodes them itself, with a service-loader look-up per encoded word
   * (jakartaee/mail-api#861) that cost more than the rest of parsing such a message. {@link InternetAddress#toString()}
   * gives the name as parsed, quoted when needed, then {@code " <address>"}; without a name, no such suffix.
   */
  static String writtenPersonal(InternetAddress address) {
    String whole = address.toString();
    String suffix = " <" + (address.getAddress() == null ? "" : address.getAddress()) + ">";
    if (!whole.endsWith(suffix)) return null;
    String phrase = whole.substring(0, whole.length() - suffix.length());
    if (phrase.length() < 2 || phrase.charAt(0) != '"' || phrase.charAt(phrase.length() - 1) != '"') return phrase;
    // quoted by toString (an unquoted name holds no '"'): drop the quotes and the backslashes it escaped with
    StringBuilder out = new StringBuilder(phrase.length());
    for (int i = 1; i < phrase.length() - 1; i++) {
      char c = phrase.charAt(i);
      if (c == '\\' && i + 1 < phrase.length() - 1) c = phrase.charAt(++i);
      out.append(c);
    }
    return out.toString();
  }

  private static List<String> splitOutsideQuotes(String value) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    int angle = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') quoted = !quoted;
      if (!quoted && c == '<') angle++;
      if (!quoted && c == '>' && angle > 0) angle--;
      if (c == ',' && !quoted && angle == 0) {
        out.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    out.add(current.toString());
    return out;
  }

  /** The message ids ({@code <...>}) in a Message-ID, In-Reply-To or References value; bare ids are wrapped. */
  static List<String> messageIds(String value) {
    List<String> out = new ArrayList<>();
    if (value == null || value.isBlank()) return out;
    Matcher m = MSG_ID.matcher(value);
    while (m.find()) out.add(m.group());
    if (out.isEmpty()) {
      for (String token : value.strip().split("[\\s,]+")) {
        if (token.indexOf('@') > 0) out.add("<" + token + ">");
      }
    }
    return out;
  }
}
