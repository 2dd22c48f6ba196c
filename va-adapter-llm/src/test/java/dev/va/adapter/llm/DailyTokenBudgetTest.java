package dev.va.adapter.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fake.SettableClock;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DailyTokenBudgetTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2025-03-04T23:59:00Z"));
  private final DailyTokenBudget budget = new DailyTokenBudget(1_000, clock);
  private final UserId user = new UserId(UUID.randomUUID());

  @Test
  void reservationsHoldTheBudgetUntilSettledWithTheRealCost() {
    DailyTokenBudget.Reservation first = budget.reserve(user, 600);
    assertThat(first).isNotNull();
    assertThat(budget.reserve(user, 600)).isNull();

    budget.settle(first, 300);
    DailyTokenBudget.Reservation second = budget.reserve(user, 600);
    assertThat(second).isNotNull();
    budget.settle(second, 0);
    assertThat(budget.reserve(user, 700)).isNotNull();
    assertThat(budget.reserve(user, 1)).isNull();
  }

  @Test
  void aNewUtcDayStartsFromZeroAndYesterdaysCallsDoNotCountIntoIt() {
    DailyTokenBudget.Reservation lateCall = budget.reserve(user, 900);
    clock.advance(Duration.ofMinutes(1));

    DailyTokenBudget.Reservation today = budget.reserve(user, 1_000);
    budget.settle(lateCall, 5_000);

    assertThat(today).isNotNull();
    assertThat(budget.reserve(user, 1)).isNull();
  }
}
