package dev.va.adapter.queue.inprocess;

import dev.va.application.port.out.SideEffectLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The side-effect ledger of the embedded mode: in memory, records kept for {@code retention} after they are done. */
public final class InProcessSideEffectLedger implements SideEffectLedger {
  /** Expired records are purged every this many claims, so the map stays bounded without a timer. */
  private static final int PURGE_EVERY = 1024;

  private final Clock clock;
  private final Duration retention;
  private final Map<String, Record> records = new HashMap<>();
  private int claimsSincePurge;

  public InProcessSideEffectLedger(Clock clock, Duration retention) {
    this.clock = clock;
    this.retention = retention;
  }

  /** A live claim ({@code done == false}) or a performed effect; {@code until} ends the lease or the retention. */
  private record Record(boolean done, String owner, String result, Instant until) {}

  @Override
  public synchronized Claim claim(String key, String owner, Duration lease) {
    Instant now = clock.instant();
    if (++claimsSincePurge >= PURGE_EVERY) purge(now);
    Record record = records.get(key);
    boolean current = record != null && now.isBefore(record.until());
    if (current && record.done()) return new Claim(Status.DONE, record.result());
    if (current && !record.owner().equals(owner)) return new Claim(Status.BUSY, null);
    records.put(key, new Record(false, owner, null, now.plus(lease)));
    return new Claim(Status.GRANTED, null);
  }

  @Override
  public synchronized void markDone(String key, String result) {
    records.put(key, new Record(true, null, result, clock.instant().plus(retention)));
  }

  @Override
  public synchronized void release(String key, String owner) {
    Record record = records.get(key);
    if (record != null && !record.done() && record.owner().equals(owner)) records.remove(key);
  }

  private void purge(Instant now) {
    claimsSincePurge = 0;
    records.values().removeIf(r -> !now.isBefore(r.until()));
  }
}
