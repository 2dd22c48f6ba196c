package dev.va.adapter.queue.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.field.CronField;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.time.generator.FieldValueGenerator;
import com.cronutils.model.time.generator.FieldValueGeneratorFactory;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Optional;

/**
 * The values a parsed cron expression allows in each field, as bit sets, and the search for the next wall-clock time
 * they match. cron-utils parses and tells which values each field matches; its own search of the next execution is
 * slow (tens of microseconds) and mishandles daylight saving, so the search is done here, on the wall clock only.
 *
 * <p>Day-of-month and day-of-week combine as in Unix cron: when both are restricted (neither starts with '*') a day
 * matching either fires; otherwise both must match.
 */
final class CronFields {
  /** A wall-clock time that matches nothing this many years ahead never will (Feb 29 on a given weekday: 28). */
  private static final int SEARCH_YEARS = 60;

  private final BitSet seconds;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  /** 0 = Sunday ... 6 = Saturday. */
  private final BitSet daysOfWeek;
  private final boolean eitherDay;

  private CronFields(BitSet seconds, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months,
      BitSet daysOfWeek, boolean eitherDay) {
    this.seconds = seconds;
    this.minutes = minutes;
    this.hours = hours;
    this.daysOfMonth = daysOfMonth;
    this.months = months;
    this.daysOfWeek = daysOfWeek;
    this.eitherDay = eitherDay;
  }

  static CronFields of(Cron cron) {
    CronField dom = cron.retrieve(CronFieldName.DAY_OF_MONTH);
    CronField dow = cron.retrieve(CronFieldName.DAY_OF_WEEK);
    BitSet seconds = cron.retrieve(CronFieldName.SECOND) == null
        ? single(0) : values(cron.retrieve(CronFieldName.SECOND), 0, 59);
    BitSet daysOfWeek = new BitSet(7);
    values(dow, 0, 7).stream().forEach(day -> daysOfWeek.set(day % 7));
    return new CronFields(seconds, values(cron.retrieve(CronFieldName.MINUTE), 0, 59),
        values(cron.retrieve(CronFieldName.HOUR), 0, 23), values(dom, 1, 31),
        values(cron.retrieve(CronFieldName.MONTH), 1, 12), daysOfWeek, restricted(dom) && restricted(dow));
  }

  /** The first matching wall-clock time strictly after {@code after}, at a whole second; empty when none comes. */
  Optional<LocalDateTime> next(LocalDateTime after) {
    LocalDateTime t = after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    int lastYear = t.getYear() + SEARCH_YEARS;
    while (t.getYear() <= lastYear) {
      if (!months.get(t.getMonthValue())) {
        int month = months.nextSetBit(t.getMonthValue() + 1);
        t = month < 0 ? LocalDateTime.of(t.getYear() + 1, 1, 1, 0, 0) : LocalDateTime.of(t.getYear(), month, 1, 0, 0);
      } else if (!dayMatches(t.toLocalDate())) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
      } else if (!hours.get(t.getHour())) {
        int hour = hours.nextSetBit(t.getHour() + 1);
        t = hour < 0 ? t.toLocalDate().plusDays(1).atStartOfDay() : t.toLocalDate().atTime(hour, 0);
      } else if (!minutes.get(t.getMinute())) {
        int minute = minutes.nextSetBit(t.getMinute() + 1);
        t = minute < 0 ? t.truncatedTo(ChronoUnit.HOURS).plusHours(1) : t.withMinute(minute).withSecond(0);
      } else if (!seconds.get(t.getSecond())) {
        int second = seconds.nextSetBit(t.getSecond() + 1);
        t = second < 0 ? t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1) : t.withSecond(second);
      } else {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate day) {
    boolean byMonth = daysOfMonth.get(day.getDayOfMonth());
    boolean byWeek = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
    return eitherDay ? byMonth || byWeek : byMonth && byWeek;
  }

  private static BitSet values(CronField field, int from, int to) {
    FieldValueGenerator generator = FieldValueGeneratorFactory.forCronField(field);
    BitSet out = new BitSet(to + 1);
    for (int value = from; value <= to; value++) {
      if (generator.isMatch(value)) out.set(value);
    }
    return out;
  }

  private static BitSet single(int value) {
    BitSet out = new BitSet(value + 1);
    out.set(value);
    return out;
  }

  private static boolean restricted(CronField field) {
    String text = field.getExpression().asString();
    return !text.startsWith("*") && !text.equals("?");
  }
}
