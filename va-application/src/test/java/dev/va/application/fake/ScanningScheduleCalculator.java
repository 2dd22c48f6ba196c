package dev.va.application.fake;

import dev.va.application.port.out.ScheduleCalculator;
import dev.va.domain.schedule.Schedule;
import dev.va.domain.shared.DomainValidationException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ScheduleCalculator} for tests of modules that may not use the real one, written for plainness, not speed:
 * a small cron parser, a day-by-day search of matching wall-clock times, and a brute-force rule for daylight saving.
 * Every matching wall-clock time within {@link #WINDOW} on either side is mapped to an instant with
 * {@link ZonedDateTime#of} (a time in a gap moves past it, a repeated time takes its earlier offset) and the earliest
 * instant after the given one wins. That is the port's documented behaviour as long as no offset change exceeds the
 * window, since times further apart keep their order whatever the offsets. It costs a scan of two days of matching
 * times per instant, so it suits previews and simulations, not per-second crons over long ranges.
 */
public final class ScanningScheduleCalculator implements ScheduleCalculator {
  /** Longer than any offset change in the tz database (the largest, Samoa's in 2011, skipped 24 hours). */
  static final Duration WINDOW = Duration.ofHours(26);
  /** A cron matching no day within this many years never will (February 29 on a given weekday repeats in 28). */
  static final int SEARCH_YEARS = 60;
  static final String FORMS = "use 5 fields (minute hour day-of-month month day-of-week, e.g. '30 2 * * *'), "
      + "6 fields with seconds first (e.g. '0 30 2 * * *'), or one of @hourly, @daily, @midnight, @weekly, "
      + "@monthly, @yearly, @annually";
  private static final Map<String, String> MACROS = Map.of(
      "@hourly", "0 * * * *",
      "@daily", "0 0 * * *",
      "@midnight", "0 0 * * *",
      "@weekly", "0 0 * * 0",
      "@monthly", "0 0 1 * *",
      "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *");
  private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
      Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
      Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
  private static final Map<String, Integer> DAYS =
      Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6);
  private static final LocalDateTime NEVER_PROBE = LocalDateTime.of(2000, 1, 1, 0, 0);

  @Override
  public void validate(Schedule schedule, ZoneId zone) {
    if (schedule instanceof Schedule.Cron cron && Cron.parse(cron.expression()).next(NEVER_PROBE).isEmpty()) {
      throw new DomainValidationException("cron", "cron '" + cron.expression() + "' never fires: no date matches it");
    }
  }

  @Override
  public Optional<Instant> next(Schedule schedule, ZoneId zone, Instant anchor, Instant after) {
    if (schedule instanceof Schedule.Interval interval) {
      try {
        long k = after.isBefore(anchor) ? 1 : Duration.between(anchor, after).dividedBy(interval.every()) + 1;
        return Optional.of(anchor.plus(interval.every().multipliedBy(k)));
      } catch (ArithmeticException | DateTimeException e) {
        return Optional.empty();
      }
    }
    Cron cron = Cron.parse(((Schedule.Cron) schedule).expression());
    LocalDateTime cursor = LocalDateTime.ofInstant(after, zone).minus(WINDOW);
    Instant best = null;
    LocalDateTime stop = null;
    while (stop == null || cursor.isBefore(stop)) {
      Optional<LocalDateTime> candidate = cron.next(cursor);
      if (candidate.isEmpty()) break;
      cursor = candidate.get();
      Instant at = ZonedDateTime.of(cursor, zone).toInstant();
      if (at.isAfter(after) && (best == null || at.isBefore(best))) {
        best = at;
        stop = cursor.plus(WINDOW);
      }
    }
    return Optional.ofNullable(best);
  }

  /** The values each field allows; days of the week 0 (Sunday) to 6. */
  private record Cron(BitSet seconds, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months,
      BitSet daysOfWeek, boolean eitherDay) {

    static Cron parse(String expression) {
      String text = expression.trim();
      if (text.startsWith("@")) {
        text = MACROS.get(text.toLowerCase(Locale.ROOT));
        if (text == null) throw invalid(expression, "unknown macro");
      }
      String[] f = text.split("\\s+");
      if (f.length != 5 && f.length != 6) {
        throw invalid(expression, "it has " + f.length + " field" + (f.length == 1 ? "" : "s"));
      }
      int i = f.length - 5;
      try {
        BitSet seconds = i == 0 ? field("0", 0, 59, Map.of()) : field(f[0], 0, 59, Map.of());
        BitSet daysOfWeek = new BitSet(7);
        field(f[i + 4], 0, 7, DAYS).stream().forEach(day -> daysOfWeek.set(day % 7));
        // as in Unix cron: when both day fields are restricted, a day matching either fires
        boolean eitherDay = !f[i + 2].startsWith("*") && !f[i + 4].startsWith("*");
        return new Cron(seconds, field(f[i], 0, 59, Map.of()), field(f[i + 1], 0, 23, Map.of()),
            field(f[i + 2], 1, 31, Map.of()), field(f[i + 3], 1, 12, MONTHS), daysOfWeek, eitherDay);
      } catch (IllegalArgumentException e) {
        throw invalid(expression, e.getMessage());
      }
    }

    /** Comma-separated items: {@code *}, {@code n}, {@code a-b}, each optionally with {@code /step}. */
    private static BitSet field(String text, int min, int max, Map<String, Integer> names) {
      BitSet values = new BitSet(max + 1);
      for (String item : text.split(",", -1)) {
        String[] stepped = item.split("/", -1);
        if (stepped.length > 2) throw new IllegalArgumentException("'" + item + "' has more than one step");
        int step = stepped.length == 2 ? number(stepped[1], 1, Integer.MAX_VALUE, "step") : 1;
        String range = stepped[0];
        int from;
        int to;
        if (range.equals("*")) {
          from = min;
          to = max;
        } else if (range.contains("-")) {
          String[] bounds = range.split("-", -1);
          if (bounds.length != 2) throw new IllegalArgumentException("'" + range + "' is not a range");
          from = value(bounds[0], min, max, names);
          to = value(bounds[1], min, max, names);
          if (from > to) throw new IllegalArgumentException("range '" + range + "' runs backwards");
        } else {
          from = value(range, min, max, names);
          to = stepped.length == 2 ? max : from;
        }
        for (int v = from; v <= to; v += step) values.set(v);
      }
      return values;
    }

    private static int value(String text, int min, int max, Map<String, Integer> names) {
      Integer named = names.get(text.toUpperCase(Locale.ROOT));
      return named != null ? named : number(text, min, max, "value");
    }

    private static int number(String text, int min, int max, String what) {
      int n;
      try {
        n = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(what + " '" + text + "' is not a number");
      }
      if (n < min || n > max) throw new IllegalArgumentException(what + " " + n + " is not in " + min + "-" + max);
      return n;
    }

    private static DomainValidationException invalid(String expression, String detail) {
      return new DomainValidationException("cron", "cron '" + expression + "' is not valid (" + detail + "); " + FORMS);
    }

    /** The first matching wall-clock time strictly after {@code after}, at a whole second, day by day. */
    Optional<LocalDateTime> next(LocalDateTime after) {
      LocalDate first = after.toLocalDate();
      for (LocalDate day = first; day.isBefore(first.plusYears(SEARCH_YEARS)); day = day.plusDays(1)) {
        if (!months.get(day.getMonthValue()) || !dayMatches(day)) continue;
        Optional<LocalTime> time = firstTime(day.equals(first) ? after.toLocalTime() : null);
        if (time.isPresent()) return Optional.of(day.atTime(time.get()));
      }
      return Optional.empty();
    }

    private boolean dayMatches(LocalDate day) {
      boolean byMonth = daysOfMonth.get(day.getDayOfMonth());
      boolean byWeek = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
      return eitherDay ? byMonth || byWeek : byMonth && byWeek;
    }

    /** The first matching time of a day strictly after {@code after} (null: from midnight on). */
    private Optional<LocalTime> firstTime(LocalTime after) {
      for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
        if (after != null && h < after.getHour()) continue;
        for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
          for (int s = seconds.nextSetBit(0); s >= 0; s = seconds.nextSetBit(s + 1)) {
            LocalTime time = LocalTime.of(h, m, s);
            if (after == null || time.isAfter(after)) return Optional.of(time);
          }
        }
      }
      return Optional.empty();
    }
  }
}
