package dev.va.adapter.queue.inprocess;

import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.SideEffectLedger;
import dev.va.application.port.out.SideEffectLedgerContract;
import java.time.Duration;

class InProcessSideEffectLedgerTest implements SideEffectLedgerContract {
  @Override
  public SideEffectLedger newLedger(SettableClock clock) {
    return new InProcessSideEffectLedger(clock, Duration.ofDays(7));
  }
}
