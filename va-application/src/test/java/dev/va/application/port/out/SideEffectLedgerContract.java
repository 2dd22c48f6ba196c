package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.SideEffectLedger.Claim;
import dev.va.application.port.out.SideEffectLedger.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link SideEffectLedger} must show. */
public interface SideEffectLedgerContract {
  Duration LEASE = Duration.ofSeconds(30);

  /** A ledger reading the time from {@code clock}; keys of one test never collide with another's. */
  SideEffectLedger newLedger(SettableClock clock);

  private static String key() {
    return "effect-" + UUID.randomUUID();
  }

  @Test
  default void theFirstClaimIsGrantedAndADoneEffectIsNeverGrantedAgain() {
    SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    SideEffectLedger ledger = newLedger(clock);
    String key = key();

    assertThat(ledger.claim(key, "job-1", LEASE)).isEqualTo(new Claim(Status.GRANTED, null));
    ledger.markDone(key, "message-id-7");
    assertThat(ledger.claim(key, "job-1", LEASE)).isEqualTo(new Claim(Status.DONE, "message-id-7"));
    assertThat(ledger.claim(key, "job-2", LEASE)).isEqualTo(new Claim(Status.DONE, "message-id-7"));

    clock.advance(LEASE.multipliedBy(10));
    ledger.release(key, "job-1");
    assertThat(ledger.claim(key, "job-2", LEASE).status()).as("done outlives leases and releases")
        .isEqualTo(Status.DONE);
  }

  @Test
  default void aDoneEffectWithoutResultIsDoneWithNullResult() {
    SideEffectLedger ledger = newLedger(new SettableClock(Instant.parse("2030-01-01T00:00:00Z")));
    String key = key();
    ledger.claim(key, "job-1", LEASE);
    ledger.markDone(key, null);
    assertThat(ledger.claim(key, "job-1", LEASE)).isEqualTo(new Claim(Status.DONE, null));
  }

  @Test
  default void aLiveClaimOfAnotherOwnerIsBusyUntilItsLeaseLapses() {
    SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    SideEffectLedger ledger = newLedger(clock);
    String key = key();
    ledger.claim(key, "job-1", LEASE);

    assertThat(ledger.claim(key, "job-2", LEASE).status()).isEqualTo(Status.BUSY);
    clock.advance(LEASE.minusMillis(1));
    assertThat(ledger.claim(key, "job-2", LEASE).status()).isEqualTo(Status.BUSY);
    clock.advance(Duration.ofMillis(1));
    assertThat(ledger.claim(key, "job-2", LEASE).status()).as("lapsed: the effect is in doubt, redo")
        .isEqualTo(Status.GRANTED);
    assertThat(ledger.claim(key, "job-1", LEASE).status()).as("now job-2 holds it").isEqualTo(Status.BUSY);
  }

  @Test
  default void theSameOwnerClaimingAgainIsGranted() {
    SideEffectLedger ledger = newLedger(new SettableClock(Instant.parse("2030-01-01T00:00:00Z")));
    String key = key();
    ledger.claim(key, "job-1", LEASE);
    assertThat(ledger.claim(key, "job-1", LEASE).status()).isEqualTo(Status.GRANTED);
  }

  @Test
  default void releaseFreesTheKeyOnlyForItsOwner() {
    SideEffectLedger ledger = newLedger(new SettableClock(Instant.parse("2030-01-01T00:00:00Z")));
    String key = key();
    ledger.claim(key, "job-1", LEASE);

    ledger.release(key, "job-2");
    assertThat(ledger.claim(key, "job-2", LEASE).status()).isEqualTo(Status.BUSY);
    ledger.release(key, "job-1");
    assertThat(ledger.claim(key, "job-2", LEASE).status()).isEqualTo(Status.GRANTED);
  }

  @Test
  default void exactlyOneOfManyConcurrentClaimantsIsGranted() throws Exception {
    SideEffectLedger ledger = newLedger(new SettableClock(Instant.parse("2030-01-01T00:00:00Z")));
    String key = key();
    int claimants = 8;
    ExecutorService executor = Executors.newFixedThreadPool(claimants);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Status>> results = new ArrayList<>();
      for (int i = 0; i < claimants; i++) {
        String owner = "job-" + i;
        Callable<Status> claim = () -> {
          start.await();
          return ledger.claim(key, owner, LEASE).status();
        };
        results.add(executor.submit(claim));
      }
      start.countDown();
      List<Status> statuses = new ArrayList<>();
      for (Future<Status> result : results) statuses.add(result.get());
      assertThat(statuses).containsOnlyOnce(Status.GRANTED).containsOnly(Status.GRANTED, Status.BUSY);
    } finally {
      executor.shutdownNow();
    }
  }
}
