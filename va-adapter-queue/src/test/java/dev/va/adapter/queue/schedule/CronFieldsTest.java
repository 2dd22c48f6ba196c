package dev.va.adapter.queue.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The wall-clock search agrees with cron-utils' own, asked in UTC where every wall-clock time exists once. */
class CronFieldsTest {
  private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  @ParameterizedTest
  @ValueSource(strings = {"* * * * *", "0 0 * * 0", "0 0 * * 7", "0 0 * * SUN", "0 0 * * 5-7", "0 0 * * MON-FRI",
      "0 0 13 * 5", "*/7 3-20/5 * * *", "0 0 1,15 * *", "0 0 * JAN,JUL *", "0 12 */3 * *", "5 4 * * sun",
      "0 0 29 2 *", "0 0 * * 1,3,5", "15 10 28-31 * *", "0 0 1 * MON", "59 23 31 12 *", "0 0 29 2 1"})
  void findsWhatCronUtilsFinds(String expression) {
    Cron cron = UNIX.parse(expression);
    ExecutionTime reference = ExecutionTime.forCron(cron);
    CronFields fields = CronFields.of(cron);
    Random random = new Random(expression.hashCode());
    for (int i = 0; i < 300; i++) {
      LocalDateTime after = LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(random.nextInt(3 * 365 * 86_400));
      Optional<LocalDateTime> expected =
          reference.nextExecution(after.atZone(ZoneOffset.UTC)).map(ZonedDateTime::toLocalDateTime);
      assertThat(fields.next(after)).as("%s after %s", expression, after).isEqualTo(expected);
    }
  }

  @Test
  void aStepFromStarLeavesTheDayOfMonthUnrestrictedAsInVixieCron() {
    // cron-utils would fire on every odd day or Monday; cron and cronie fire on odd days that are Mondays
    CronFields fields = CronFields.of(UNIX.parse("0 0 */2 * 1"));

    assertThat(fields.next(LocalDateTime.of(2026, 1, 1, 0, 0))).contains(LocalDateTime.of(2026, 1, 5, 0, 0));
    assertThat(fields.next(LocalDateTime.of(2026, 1, 5, 0, 0))).contains(LocalDateTime.of(2026, 1, 19, 0, 0));
  }

  @Test
  void aTimeThatNeverComesIsNotFound() {
    assertThat(CronFields.of(UNIX.parse("0 0 30 2 *")).next(LocalDateTime.of(2026, 1, 1, 0, 0))).isEmpty();
  }
}
