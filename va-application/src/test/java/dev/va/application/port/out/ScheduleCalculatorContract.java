package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.domain.schedule.Schedule;
import dev.va.domain.shared.DomainValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link ScheduleCalculator} shares, including the daylight saving rules of its documentation, in
 * Europe/Berlin (2026: spring forward March 29 at 01:00Z, fall back October 25 at 01:00Z) and America/New_York (2026:
 * March 8 at 07:00Z, November 1 at 06:00Z).
 */
public interface ScheduleCalculatorContract {
  ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  ZoneId NEW_YORK = ZoneId.of("America/New_York");
  Instant ANCHOR = Instant.parse("2025-06-01T00:00:00Z");

  ScheduleCalculator calculator();

  private List<Instant> next(String cron, ZoneId zone, String after, int count) {
    Schedule schedule = new Schedule.Cron(cron);
    calculator().validate(schedule, zone);
    return calculator().next(schedule, zone, ANCHOR, Instant.parse(after), count);
  }

  private static List<Instant> instants(String... texts) {
    return java.util.Arrays.stream(texts).map(Instant::parse).toList();
  }

  private void assertRejected(String cron, String messagePart) {
    assertThatThrownBy(() -> calculator().validate(new Schedule.Cron(cron), ZoneOffset.UTC))
        .isInstanceOfSatisfying(DomainValidationException.class, e -> {
          assertThat(e.field()).isEqualTo("cron");
          assertThat(e.getMessage()).contains(messagePart);
        });
  }

  @Test
  default void firesAFiveFieldCronStrictlyAfterTheGivenInstant() {
    assertThat(next("30 2 * * *", ZoneOffset.UTC, "2026-01-10T00:00:00Z", 3))
        .isEqualTo(instants("2026-01-10T02:30:00Z", "2026-01-11T02:30:00Z", "2026-01-12T02:30:00Z"));
    assertThat(next("30 2 * * *", ZoneOffset.UTC, "2026-01-10T02:30:00Z", 1))
        .isEqualTo(instants("2026-01-11T02:30:00Z"));
  }

  @Test
  default void readsTheCronOnTheWallClockOfTheZone() {
    // Friday 17:50 in Berlin (CET, UTC+1): the next weekday slot is Monday 09:00 local
    assertThat(next("*/15 9-17 * * MON-FRI", BERLIN, "2026-01-09T16:50:00Z", 2))
        .isEqualTo(instants("2026-01-12T08:00:00Z", "2026-01-12T08:15:00Z"));
    assertThat(next("0 9 1 JAN,JUL *", NEW_YORK, "2026-01-09T00:00:00Z", 2))
        .isEqualTo(instants("2026-07-01T13:00:00Z", "2027-01-01T14:00:00Z"));
  }

  @Test
  default void sundayIsZeroOrSeven() {
    assertThat(next("0 0 * * 0", ZoneOffset.UTC, "2026-01-09T00:00:00Z", 1))
        .isEqualTo(next("0 0 * * 7", ZoneOffset.UTC, "2026-01-09T00:00:00Z", 1))
        .isEqualTo(next("0 0 * * SUN", ZoneOffset.UTC, "2026-01-09T00:00:00Z", 1))
        .isEqualTo(instants("2026-01-11T00:00:00Z"));
  }

  @Test
  default void aRestrictedDayOfMonthOrDayOfWeekMatchesAsInUnixCron() {
    // the 13th, and every Friday
    assertThat(next("0 0 13 * 5", ZoneOffset.UTC, "2026-01-01T00:00:00Z", 4))
        .isEqualTo(instants("2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z", "2026-01-13T00:00:00Z",
            "2026-01-16T00:00:00Z"));
  }

  @Test
  default void firesASixFieldCronWithSecondsFirst() {
    assertThat(next("*/20 * * * * *", ZoneOffset.UTC, "2026-01-10T10:00:05Z", 3))
        .isEqualTo(instants("2026-01-10T10:00:20Z", "2026-01-10T10:00:40Z", "2026-01-10T10:01:00Z"));
    assertThat(next("15 30 2 * * *", ZoneOffset.UTC, "2026-01-10T00:00:00Z", 1))
        .isEqualTo(instants("2026-01-10T02:30:15Z"));
  }

  @Test
  default void understandsTheMacros() {
    String friday = "2026-01-09T17:00:00Z"; // 12:00 in New York (EST, UTC-5)
    assertThat(next("@hourly", NEW_YORK, friday, 1)).isEqualTo(instants("2026-01-09T18:00:00Z"));
    assertThat(next("@daily", NEW_YORK, friday, 1)).isEqualTo(instants("2026-01-10T05:00:00Z"));
    assertThat(next("@midnight", NEW_YORK, friday, 1)).isEqualTo(instants("2026-01-10T05:00:00Z"));
    assertThat(next("@weekly", NEW_YORK, friday, 1)).isEqualTo(instants("2026-01-11T05:00:00Z"));
    assertThat(next("@monthly", NEW_YORK, friday, 1)).isEqualTo(instants("2026-02-01T05:00:00Z"));
    assertThat(next("@yearly", NEW_YORK, friday, 1)).isEqualTo(instants("2027-01-01T05:00:00Z"));
    assertThat(next("@annually", NEW_YORK, friday, 1)).isEqualTo(instants("2027-01-01T05:00:00Z"));
    assertThat(next("@HOURLY", NEW_YORK, friday, 1)).isEqualTo(instants("2026-01-09T18:00:00Z"));
  }

  @Test
  default void rejectsInvalidExpressionsWithAHelpfulMessage() {
    assertRejected("61 * * * *", "61");
    assertRejected("* * *", "5 fields");
    assertRejected("* * * * * * *", "5 fields");
    assertRejected("every day", "5 fields");
    assertRejected("@fortnightly", "@hourly");
    assertRejected("0 25 * * *", "'0 25 * * *'");
    assertRejected("0 0 * * MON-", "'0 0 * * MON-'");
  }

  @Test
  default void rejectsAnExpressionThatNeverFires() {
    assertRejected("0 0 30 2 *", "never");
  }

  @Test
  default void acceptsIntervalsAndFiresThemFromTheirAnchor() {
    Schedule every15 = new Schedule.Interval(Duration.ofMinutes(15));
    Instant anchor = Instant.parse("2026-01-10T10:07:30Z");
    calculator().validate(every15, BERLIN);

    assertThat(calculator().next(every15, BERLIN, anchor, Instant.parse("2026-01-10T10:30:00Z"), 2))
        .isEqualTo(instants("2026-01-10T10:37:30Z", "2026-01-10T10:52:30Z"));
    assertThat(calculator().next(every15, BERLIN, anchor, Instant.parse("2026-01-10T10:37:30Z")))
        .contains(Instant.parse("2026-01-10T10:52:30Z"));
    assertThat(calculator().next(every15, BERLIN, anchor, Instant.parse("2025-01-01T00:00:00Z")))
        .as("the first fire is one interval after the anchor").contains(Instant.parse("2026-01-10T10:22:30Z"));
    assertThat(calculator().next(every15, BERLIN, anchor, anchor)).contains(Instant.parse("2026-01-10T10:22:30Z"));
  }

  @Test
  default void intervalsAreFixedDurationsWhateverTheDaylightSaving() {
    Schedule daily = new Schedule.Interval(Duration.ofDays(1));
    Instant anchor = Instant.parse("2026-03-27T01:30:00Z"); // 02:30 CET

    assertThat(calculator().next(daily, BERLIN, anchor, anchor, 3))
        .isEqualTo(instants("2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T01:30:00Z"));
  }

  @Test
  default void intervalsKeepTheirFractionOfASecond() {
    Schedule odd = new Schedule.Interval(Duration.ofMillis(1500));
    Instant anchor = Instant.parse("2026-01-01T00:00:00.000123Z");

    assertThat(calculator().next(odd, ZoneOffset.UTC, anchor, Instant.parse("2026-01-01T00:00:02Z"), 2))
        .isEqualTo(instants("2026-01-01T00:00:03.000123Z", "2026-01-01T00:00:04.500123Z"));
  }

  @Test
  default void previewsBetweenOneAndAHundredInstants() {
    Schedule hourly = new Schedule.Cron("@hourly");
    Instant after = Instant.parse("2026-01-01T00:00:00Z");

    assertThat(calculator().next(hourly, ZoneOffset.UTC, ANCHOR, after, 100)).hasSize(100);
    for (int count : new int[] {0, 101}) {
      assertThatThrownBy(() -> calculator().next(hourly, ZoneOffset.UTC, ANCHOR, after, count))
          .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.field()).isEqualTo("count"));
    }
  }

  @Test
  default void berlinSpringForwardFiresAMissingLocalTimeOnceShiftedByTheGap() {
    // 02:30 does not exist on March 29: it fires at 03:30 CEST (01:30Z), the instant 02:30 CET would have been
    assertThat(next("30 2 * * *", BERLIN, "2026-03-27T12:00:00Z", 3))
        .isEqualTo(instants("2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"));
    // asked at 03:10 CEST, after the gap but before the shifted instant
    assertThat(next("30 2 * * *", BERLIN, "2026-03-29T01:10:00Z", 1)).isEqualTo(instants("2026-03-29T01:30:00Z"));
    assertThat(next("0 30 2 * * *", BERLIN, "2026-03-29T00:00:00Z", 1)).isEqualTo(instants("2026-03-29T01:30:00Z"));
  }

  @Test
  default void berlinSpringForwardNeverFiresAnInstantTwice() {
    // 02:00, 02:15, ... shift onto 03:00, 03:15, ... CEST, which fire anyway: each instant once
    assertThat(next("*/15 * * * *", BERLIN, "2026-03-29T00:40:00Z", 4))
        .isEqualTo(instants("2026-03-29T00:45:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:15:00Z",
            "2026-03-29T01:30:00Z"));
    assertThat(next("@hourly", BERLIN, "2026-03-28T23:30:00Z", 3))
        .isEqualTo(instants("2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z"));
  }

  @Test
  default void berlinFallBackFiresARepeatedLocalTimeOnceAtItsFirstOccurrence() {
    // 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET) on October 25
    assertThat(next("30 2 * * *", BERLIN, "2026-10-24T12:00:00Z", 2))
        .isEqualTo(instants("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"));
    assertThat(next("30 2 * * *", BERLIN, "2026-10-25T00:45:00Z", 1)).isEqualTo(instants("2026-10-26T01:30:00Z"));
    // hourly: the hour 02:00-03:00 CET repeats local times that already fired
    assertThat(next("@hourly", BERLIN, "2026-10-24T23:30:00Z", 3))
        .isEqualTo(instants("2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z", "2026-10-25T03:00:00Z"));
    assertThat(next("*/20 * * * *", BERLIN, "2026-10-25T01:05:00Z", 1))
        .as("asked during the repeated hour").isEqualTo(instants("2026-10-25T02:00:00Z"));
  }

  @Test
  default void newYorkSpringForwardAndFallBack() {
    assertThat(next("30 2 * * *", NEW_YORK, "2026-03-06T12:00:00Z", 3))
        .isEqualTo(instants("2026-03-07T07:30:00Z", "2026-03-08T07:30:00Z", "2026-03-09T06:30:00Z"));
    // 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST) on November 1
    assertThat(next("30 1 * * *", NEW_YORK, "2026-10-31T12:00:00Z", 2))
        .isEqualTo(instants("2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"));
    assertThat(next("@hourly", NEW_YORK, "2026-11-01T04:30:00Z", 3))
        .isEqualTo(instants("2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z", "2026-11-01T08:00:00Z"));
  }
}
