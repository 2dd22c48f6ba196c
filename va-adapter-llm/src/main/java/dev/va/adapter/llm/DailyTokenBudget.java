package dev.va.adapter.llm;

import dev.va.domain.user.UserId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Tokens each user may spend per UTC day. A call first reserves what it may cost at most (its prompt, the schema
 * and the completion limit), so concurrent calls cannot overrun the budget; the reservation is then replaced by the
 * usage the API reports, or released when the call failed.
 */
final class DailyTokenBudget {
  record Reservation(UserId user, LocalDate day, long tokens) {}

  private record Usage(LocalDate day, long tokens) {}

  private final long limit;
  private final Clock clock;
  private final Map<UserId, Usage> used = new HashMap<>();

  DailyTokenBudget(long limit, Clock clock) {
    this.limit = limit;
    this.clock = clock;
  }

  /** A reservation, or null when the user's budget for today cannot cover {@code tokens}. */
  synchronized Reservation reserve(UserId user, long tokens) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Usage usage = used.get(user);
    long spent = usage == null || !usage.day().equals(today) ? 0 : usage.tokens();
    if (spent + tokens > limit) return null;
    used.put(user, new Usage(today, spent + tokens));
    return new Reservation(user, today, tokens);
  }

  /** Replaces a reservation by what the call cost; 0 releases it. A reservation of a past day changes nothing. */
  synchronized void settle(Reservation reservation, long actualTokens) {
    Usage usage = used.get(reservation.user());
    if (usage == null || !usage.day().equals(reservation.day())) return;
    used.put(reservation.user(), new Usage(usage.day(),
        Math.max(0, usage.tokens() - reservation.tokens() + actualTokens)));
  }
}
