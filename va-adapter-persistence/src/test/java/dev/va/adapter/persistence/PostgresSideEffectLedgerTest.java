package dev.va.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.SideEffectLedger;
import dev.va.application.port.out.SideEffectLedger.Status;
import dev.va.application.port.out.SideEffectLedgerContract;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresSideEffectLedgerTest implements SideEffectLedgerContract {
  private static final Duration RETENTION = Duration.ofDays(7);
  private final Database database;

  PostgresSideEffectLedgerTest(Database database) {
    this.database = database;
  }

  @Override
  public SideEffectLedger newLedger(SettableClock clock) {
    return new PostgresSideEffectLedger(database, clock, RETENTION);
  }

  @Test
  void aDoneEffectSurvivesTheLedgerAndIsForgottenAfterItsRetention() {
    SettableClock clock = new SettableClock(Instant.parse("2031-05-01T00:00:00Z"));
    String key = "effect-" + UUID.randomUUID();
    newLedger(clock).claim(key, "job-1", LEASE);
    newLedger(clock).markDone(key, "sent");

    // a new process: a fresh ledger on the same database
    assertThat(newLedger(clock).claim(key, "job-1", LEASE).status()).isEqualTo(Status.DONE);

    clock.advance(RETENTION);
    assertThat(newLedger(clock).claim(key, "job-9", LEASE).status()).isEqualTo(Status.GRANTED);
  }

  @Test
  void claimsPurgeLapsedRecordsNowAndThen() {
    SettableClock clock = new SettableClock(Instant.parse("2031-06-01T00:00:00Z"));
    SideEffectLedger ledger = newLedger(clock);
    String lapsed = "effect-" + UUID.randomUUID();
    ledger.claim(lapsed, "job-1", LEASE);
    clock.advance(LEASE.multipliedBy(2));

    for (int i = 0; i < PostgresSideEffectLedger.PURGE_EVERY; i++) {
      ledger.claim("effect-" + UUID.randomUUID(), "job-2", LEASE);
    }

    SideEffectMapper.Row row = database.call(SideEffectMapper.class, mapper -> mapper.find(lapsed));
    assertThat(row).isNull();
  }
}
