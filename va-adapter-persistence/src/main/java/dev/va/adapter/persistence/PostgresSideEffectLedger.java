package dev.va.adapter.persistence;

import dev.va.application.port.out.SideEffectLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The side-effect ledger in PostgreSQL, for a queue that keeps its jobs in memory: the jobs it restores after a
 * restart find the effects their earlier runs performed. Each claim is one upsert, so concurrent claimants in any
 * number of processes get exactly one grant.
 */
public final class PostgresSideEffectLedger implements SideEffectLedger {
  /** Lapsed claims and expired effects are purged every this many claims, so the table stays bounded. */
  static final int PURGE_EVERY = 1024;

  private final Database database;
  private final Clock clock;
  private final Duration retention;
  private final AtomicInteger claimsSincePurge = new AtomicInteger();

  public PostgresSideEffectLedger(Database database, Clock clock, Duration retention) {
    this.database = database;
    this.clock = clock;
    this.retention = retention;
  }

  @Override
  public Claim claim(String key, String owner, Duration lease) {
    Instant now = clock.instant();
    if (claimsSincePurge.incrementAndGet() >= PURGE_EVERY) {
      claimsSincePurge.set(0);
      database.run(SideEffectMapper.class, mapper -> mapper.purge(now));
    }
    while (true) {
      if (database.call(SideEffectMapper.class, mapper -> mapper.claim(key, owner, now.plus(lease), now)) == 1) {
        return new Claim(Status.GRANTED, null);
      }
      SideEffectMapper.Row row = database.call(SideEffectMapper.class, mapper -> mapper.find(key));
      // gone between the two statements (released or purged): claim again
      if (row == null) continue;
      if (row.done()) return new Claim(Status.DONE, row.result());
      return new Claim(Status.BUSY, null);
    }
  }

  @Override
  public void markDone(String key, String result) {
    Instant until = clock.instant().plus(retention);
    database.run(SideEffectMapper.class, mapper -> mapper.markDone(key, result, until));
  }

  @Override
  public void release(String key, String owner) {
    database.run(SideEffectMapper.class, mapper -> mapper.release(key, owner));
  }
}
