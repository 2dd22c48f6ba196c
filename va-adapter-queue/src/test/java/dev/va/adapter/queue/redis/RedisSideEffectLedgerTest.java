package dev.va.adapter.queue.redis;

import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.SideEffectLedger;
import dev.va.application.port.out.SideEffectLedgerContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class RedisSideEffectLedgerTest implements SideEffectLedgerContract {
  private static TestRedis redis;

  @BeforeAll
  static void connect() {
    redis = new TestRedis();
  }

  @AfterAll
  static void cleanUp() {
    redis.close();
  }

  @Override
  public SideEffectLedger newLedger(SettableClock clock) {
    return new RedisSideEffectLedger(redis.connection(), redis.newPrefix(), clock, Duration.ofDays(7));
  }
}
