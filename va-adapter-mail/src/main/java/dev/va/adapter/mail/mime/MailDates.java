package dev.va.adapter.mail.mime;

import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.regex.Pattern;

/** Date header values: RFC 5322 first, then the lenient Jakarta Mail parser for obsolete and sloppy forms. */
final class MailDates {
  private static final Pattern COMMENT = Pattern.compile("\\([^)]*\\)");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private MailDates() {}

  /** The instant, or null when the value is not a date. */
  static Instant parse(String value) {
    if (value == null || value.isBlank()) return null;
    String text = value;
    if (text.indexOf('(') >= 0) text = COMMENT.matcher(text).replaceAll(" ");
    text = text.strip();
    if (text.contains("  ") || text.indexOf('\t') >= 0) text = SPACES.matcher(text).replaceAll(" ");
    try {
      return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      // fall through to the lenient parser
    }
    try {
      // MailDateFormat is not thread safe and cheap enough to make for the rare message that needs it
      Date date = new MailDateFormat().parse(text, new ParsePosition(0));
      return date == null ? null : date.toInstant();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
