package dev.va.application.port.out;

import dev.va.domain.schedule.Schedule;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.shared.Require;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The instants at which a schedule fires.
 *
 * <p><b>Cron</b> expressions are read on the wall clock of the task's zone. Accepted: 5 fields (minute hour
 * day-of-month month day-of-week), 6 fields (seconds first), and the macros {@code @hourly}, {@code @daily} (also
 * {@code @midnight}), {@code @weekly}, {@code @monthly}, {@code @yearly} (also {@code @annually}). Around daylight
 * saving changes:
 * <ul>
 *   <li>a local time that does not exist (spring forward) fires once, shifted by the length of the gap: 02:30 on the
 *       day Berlin skips 02:00–03:00 fires at 03:30 CEST, the instant 02:30 CET would have been (which is how
 *       {@link java.time.ZonedDateTime#of} resolves it). Two local times that land on the same instant fire once;</li>
 *   <li>a local time that occurs twice (fall back) fires once, at its first occurrence (the earlier offset).</li>
 * </ul>
 *
 * <p><b>Intervals</b> are fixed durations anchored at the task's creation time: they fire at
 * {@code anchor + k * every} for k = 1, 2, ..., whatever the zone and its daylight saving changes.
 */
public interface ScheduleCalculator {
  /** Most instants a preview returns. */
  int MAX_PREVIEW = 100;

  /**
   * Checks that {@code schedule} can fire in {@code zone}.
   *
   * @throws dev.va.domain.shared.DomainValidationException field "cron" with what is wrong and the accepted forms,
   *     when the expression cannot be parsed or never fires
   */
  void validate(Schedule schedule, ZoneId zone);

  /** The first instant strictly after {@code after}; empty when the schedule never fires again. */
  Optional<Instant> next(Schedule schedule, ZoneId zone, Instant anchor, Instant after);

  /** Up to {@code count} (1 to {@link #MAX_PREVIEW}) consecutive instants strictly after {@code after}. */
  default List<Instant> next(Schedule schedule, ZoneId zone, Instant anchor, Instant after, int count) {
    Require.range(count, 1, MAX_PREVIEW, "count");
    List<Instant> out = new ArrayList<>(count);
    Instant cursor = after;
    while (out.size() < count) {
      Optional<Instant> next = next(schedule, zone, anchor, cursor);
      if (next.isEmpty()) break;
      cursor = next.get();
      out.add(cursor);
    }
    return out;
  }

  /** {@link #next(Schedule, ZoneId, Instant, Instant)} of a task, anchored at its creation time. */
  default Optional<Instant> next(ScheduledTask task, Instant after) {
    return next(task.schedule(), task.zone(), task.createdAt(), after);
  }
}
