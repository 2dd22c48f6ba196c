package dev.va.domain.schedule;

import dev.va.domain.shared.Require;
import java.time.Duration;

/** When a task fires: a cron expression (parsed and checked by the scheduler) or a fixed interval. */
public sealed interface Schedule {

  record Cron(String expression) implements Schedule {
    public Cron {
      Require.notBlank(expression, "cron");
      Require.maxLength(expression, 200, "cron");
      expression = expression.trim();
    }
  }

  record Interval(Duration every) implements Schedule {
    public static final Duration MINIMUM = Duration.ofSeconds(1);

    public Interval {
      Require.nonNull(every, "interval");
      Require.that(every.compareTo(MINIMUM) >= 0, "interval", "interval must be at least 1 second");
    }
  }
}
