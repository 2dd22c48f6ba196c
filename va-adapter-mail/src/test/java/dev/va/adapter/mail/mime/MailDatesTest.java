package dev.va.adapter.mail.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MailDatesTest {

  /** What the general RFC 1123 parser gives, or null where it fails. */
  private static Instant formatter(String text) {
    try {
      return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Test
  void theCommonFormReadsAsTheGeneralParserReadsIt() {
    assertThat(MailDates.commonForm("Mon, 2 Jun 2025 10:15:30 +0200")).isEqualTo(Instant.parse("2025-06-02T08:15:30Z"));
    assertThat(MailDates.commonForm("2 Jun 2025 10:15 -0130")).isEqualTo(Instant.parse("2025-06-02T11:45:00Z"));
    assertThat(MailDates.commonForm("Fri, 13 Sep 2002 23:59:59 GMT")).isEqualTo(Instant.parse("2002-09-13T23:59:59Z"));
    // left to the general parsers: what they correct, reject or read leniently
    for (String other : List.of("Tue, 2 Jun 2025 10:15:30 +0200", "31 Apr 2025 10:15:30 +0000",
        "29 Feb 2001 10:00 +0000", "2 jun 2025 10:15:30 +0200", "2 Jun 2025 10:15:30 EDT", "2 Jun 25 10:15 +0000",
        "2 Jun 2025 9:15 +0000", "2 Jun 2025 24:00 +0000", "2 Jun 2025 10:15:60 +0000", "2 Jun 2025 10:15 +1900",
        "2 Jun 2025 10:15 +02:00", "2 Jun 2025 10:15:30 +0200 x", "0 Jun 2025 10:15 +0000", "", "Mon,")) {
      assertThat(MailDates.commonForm(other)).as(other).isNull();
    }
  }

  @Test
  void agreesWithTheGeneralParserOnRandomDates() {
    String[] days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "mon", "Xyz"};
    String[] months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "jan"};
    String[] zones = {"+0000", "-0000", "+0200", "-0700", "+0530", "+1800", "-1800", "+1801", "+0960", "GMT", "UT",
        "EST", "+02"};
    Random random = new Random(20261127);
    int read = 0;
    for (int round = 0; round < 200_000; round++) {
      StringBuilder text = new StringBuilder();
      if (random.nextBoolean()) text.append(days[random.nextInt(days.length)]).append(", ");
      int day = random.nextInt(33);
      text.append(random.nextInt(4) == 0 ? String.format(Locale.ROOT, "%02d", day) : Integer.toString(day));
      text.append(' ').append(months[random.nextInt(months.length)]).append(' ');
      text.append(random.nextInt(10) == 0 ? 999 + random.nextInt(3) : 1990 + random.nextInt(40)).append(' ');
      text.append(String.format(Locale.ROOT, "%02d:%02d", random.nextInt(25), random.nextInt(61)));
      if (random.nextBoolean()) text.append(String.format(Locale.ROOT, ":%02d", random.nextInt(61)));
      text.append(' ').append(zones[random.nextInt(zones.length)]);
      Instant common = MailDates.commonForm(text.toString());
      if (common != null) {
        read++;
        assertThat(common).as(text.toString()).isEqualTo(formatter(text.toString()));
      }
    }
    // most of them are in the common form: the comparison covers it well
    assertThat(read).isGreaterThan(20_000);
  }
}
