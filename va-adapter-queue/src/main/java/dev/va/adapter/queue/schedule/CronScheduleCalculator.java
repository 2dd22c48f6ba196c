package dev.va.adapter.queue.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import dev.va.application.port.out.ScheduleCalculator;
import dev.va.domain.schedule.Schedule;
import dev.va.domain.shared.DomainValidationException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ScheduleCalculator} on cron-utils, which parses the expressions and tells which values each field matches
 * ({@link CronFields} searches the next matching wall-clock time). Mapping wall-clock times to instants, with the gap
 * and overlap rules of the port, is done here with java.time: cron-utils' own zone handling has known DST bugs.
 * Where day-of-month and day-of-week are both restricted, a day matching either fires, as in Vixie cron and cronie
 * (a field starting with '*', such as '*&#47;2', is not restricted).
 */
public final class CronScheduleCalculator implements ScheduleCalculator {
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
  private static final CronParser FIVE_FIELDS = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser SIX_FIELDS = new CronParser(withSeconds());
  /** A cron matching nothing within the search horizon after this time never fires (e.g. February 30). */
  private static final LocalDateTime NEVER_PROBE = LocalDateTime.of(2000, 1, 1, 0, 0);
  /** Candidates examined for one instant; beyond that the expression counts as never firing again. */
  private static final int MAX_CANDIDATES = 100_000;
  private static final int MAX_CACHED = 10_000;

  private final Map<String, CronFields> parsed = new ConcurrentHashMap<>();

  @Override
  public void validate(Schedule schedule, ZoneId zone) {
    if (schedule instanceof Schedule.Cron cron) {
      if (parse(cron.expression()).next(NEVER_PROBE).isEmpty()) {
        throw new DomainValidationException("cron", "cron '" + cron.expression() + "' never fires: no date matches it");
      }
    }
  }

  @Override
  public Optional<Instant> next(Schedule schedule, ZoneId zone, Instant anchor, Instant after) {
    if (schedule instanceof Schedule.Interval interval) return nextInterval(interval.every(), anchor, after);
    return nextCron(parse(((Schedule.Cron) schedule).expression()), zone, after);
  }

  /** {@code anchor + k * every}, the smallest such instant (k ≥ 1) after {@code after}. */
  private static Optional<Instant> nextInterval(Duration every, Instant anchor, Instant after) {
    try {
      long k = after.isBefore(anchor) ? 1 : Duration.between(anchor, after).dividedBy(every) + 1;
      return Optional.of(anchor.plus(every.multipliedBy(k)));
    } catch (ArithmeticException | DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The earliest instant after {@code after} of a wall-clock time matching the cron. A wall-clock time in a gap maps
   * past the gap ({@link ZonedDateTime#of}), one in an overlap to its earlier offset, so the mapping is not monotonic
   * near transitions: candidates are read in wall-clock order and the earliest instant wins.
   */
  private static Optional<Instant> nextCron(CronFields cron, ZoneId zone, Instant after) {
    ZoneRules rules = zone.getRules();
    LocalDateTime cursor = LocalDateTime.ofInstant(after, zone);
    ZoneOffsetTransition recent = rules.previousTransition(after.plusNanos(1));
    if (recent != null && recent.isGap() && after.isBefore(recent.getInstant().plus(recent.getDuration()))) {
      // shortly after a gap, wall-clock times inside it still map to instants after `after`
      cursor = recent.getDateTimeBefore().minusSeconds(1);
    }
    Instant best = null;
    LocalDateTime searchUntil = null;
    for (int i = 0; i < MAX_CANDIDATES; i++) {
      Optional<LocalDateTime> candidate = cron.next(cursor);
      if (candidate.isEmpty()) break;
      LocalDateTime local = candidate.get();
      if (searchUntil != null && !local.isBefore(searchUntil)) break;
      cursor = local;
      Instant at = ZonedDateTime.of(local, zone).toInstant();
      if (!at.isAfter(after)) continue; // e.g. the repeat of a wall-clock time that already fired
      if (best == null || at.isBefore(best)) best = at;
      if (searchUntil == null) {
        ZoneOffsetTransition gap = rules.getTransition(local);
        if (gap == null || !gap.isGap()) break;
        // later wall-clock times up to the shifted one may map to earlier instants
        searchUntil = local.plus(gap.getDuration());
      }
    }
    return Optional.ofNullable(best);
  }

  private CronFields parse(String expression) {
    CronFields cached = parsed.get(expression);
    if (cached != null) return cached;
    CronFields time = CronFields.of(parseCron(expression));
    if (parsed.size() >= MAX_CACHED) parsed.clear();
    parsed.put(expression, time);
    return time;
  }

  private static com.cronutils.model.Cron parseCron(String expression) {
    String text = expression.trim();
    if (text.startsWith("@")) {
      String macro = MACROS.get(text.toLowerCase(Locale.ROOT));
      if (macro == null) throw invalid(expression, "unknown macro");
      text = macro;
    }
    String[] fields = text.split("\\s+");
    CronParser parser = switch (fields.length) {
      case 5 -> FIVE_FIELDS;
      case 6 -> SIX_FIELDS;
      default -> throw invalid(expression, "it has " + fields.length + " field" + (fields.length == 1 ? "" : "s"));
    };
    try {
      return parser.parse(String.join(" ", fields)).validate();
    } catch (IllegalArgumentException e) {
      throw invalid(expression, e.getMessage());
    }
  }

  private static DomainValidationException invalid(String expression, String detail) {
    String reason = detail == null ? "" : " (" + (detail.length() > 200 ? detail.substring(0, 200) + "..." : detail)
        + ")";
    return new DomainValidationException("cron", "cron '" + expression + "' is not valid" + reason + "; " + FORMS);
  }

  /** The Unix fields with a seconds field in front. */
  private static CronDefinition withSeconds() {
    return CronDefinitionBuilder.defineCron()
        .withSeconds().withStrictRange().and()
        .withMinutes().withStrictRange().and()
        .withHours().withStrictRange().and()
        .withDayOfMonth().withStrictRange().and()
        .withMonth().withStrictRange().and()
        .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).withStrictRange().and()
        .instance();
  }
}
