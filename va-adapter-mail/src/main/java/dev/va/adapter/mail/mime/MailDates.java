package dev.va.adapter.mail.mime;

import jakarta.mail.internet.MailDateFormat;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.regex.Pattern;

/** Date header values: RFC 5322 first, then the lenient Jakarta Mail parser for obsolete and sloppy forms. */
final class MailDates {
  private static final Pattern COMMENT = Pattern.compile("\\([^)]*\\)");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final String DAYS = "MonTueWedThuFriSatSun";
  private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

  private MailDates() {}

  /** The instant, or null when the value is not a date. */
  static Instant parse(String value) {
    if (value == null || value.isBlank()) return null;
    String text = value;
    if (text.indexOf('(') >= 0) text = COMMENT.matcher(text).replaceAll(" ");
    text = text.strip();
    if (text.contains("  ") || text.indexOf('\t') >= 0) text = SPACES.matcher(text).replaceAll(" ");
    Instant common = commonForm(text);
    if (common != null) return common;
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

  /**
   * The instant of a date in the form nearly every mailer writes, {@code [Ddd, ]d[d] Mmm yyyy hh:mm[:ss] +hhmm} (or
   * {@code GMT}), read by hand; null for anything else, which the general parsers then read. Every message has such a
   * header, and the formatter cost more than the rest of the headers. Gives what
   * {@link DateTimeFormatter#RFC_1123_DATE_TIME} does for such text, and null where that one would correct a value
   * (a 31st of a shorter month) or fail (a weekday that does not match), so those cases stay its to decide.
   */
  static Instant commonForm(String text) {
    int n = text.length();
    int i = 0;
    int weekday = 0;
    if (n > 5 && text.charAt(3) == ',') {
      weekday = name(text, 0, DAYS);
      if (weekday == 0 || text.charAt(4) != ' ') return null;
      i = 5;
    }
    int dayDigits = i + 1 < n && digit(text.charAt(i + 1)) ? 2 : 1;
    int day = number(text, i, dayDigits);
    i += dayDigits;
    if (day < 1 || i >= n || text.charAt(i) != ' ') return null;
    int month = name(text, i + 1, MONTHS);
    i += 4;
    if (month == 0 || i >= n || text.charAt(i) != ' ') return null;
    int year = number(text, i + 1, 4);
    i += 5;
    if (year < 1000 || i + 5 >= n || text.charAt(i) != ' ' || text.charAt(i + 3) != ':') return null;
    int hour = number(text, i + 1, 2);
    int minute = number(text, i + 4, 2);
    i += 6;
    int second = 0;
    if (i < n && text.charAt(i) == ':') {
      second = number(text, i + 1, 2);
      i += 3;
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
    if (i >= n || text.charAt(i) != ' ') return null;
    int offsetSeconds;
    String zone = text.substring(i + 1);
    if (zone.equals("GMT")) {
      offsetSeconds = 0;
    } else if (zone.length() == 5 && (zone.charAt(0) == '+' || zone.charAt(0) == '-')) {
      int hours = number(zone, 1, 2);
      int minutes = number(zone, 3, 2);
      if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59 || (hours == 18 && minutes > 0)) return null;
      offsetSeconds = (zone.charAt(0) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    } else {
      return null;
    }
    if (day > YearMonth.of(year, month).lengthOfMonth()) return null;
    LocalDate date = LocalDate.of(year, month, day);
    if (weekday != 0 && date.getDayOfWeek().getValue() != weekday) return null;
    return date.atTime(hour, minute, second).toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
  }

  /** 1 + the index of the three letters at {@code i} among {@code names} (written as mailers write them), or 0. */
  private static int name(String text, int i, String names) {
    if (i + 3 > text.length()) return 0;
    for (int k = 0; k < names.length(); k += 3) {
      if (text.regionMatches(i, names, k, 3)) return k / 3 + 1;
    }
    return 0;
  }

  /** The decimal number of the {@code digits} ASCII digits at {@code i}, or -1. */
  private static int number(String text, int i, int digits) {
    if (i < 0 || i + digits > text.length()) return -1;
    int value = 0;
    for (int k = i; k < i + digits; k++) {
      char c = text.charAt(k);
      if (!digit(c)) return -1;
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }
}
