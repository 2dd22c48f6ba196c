package dev.va.adapter.mail.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.NonceStore;
import dev.va.application.port.out.NonceStoreContract;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InProcessNonceStoreTest implements NonceStoreContract {
  private final SettableClock clock = new SettableClock(Instant.parse("2025-06-01T10:00:00Z"));

  @Override
  public NonceStore nonceStore() {
    return new InProcessNonceStore(clock);
  }

  @Override
  public Instant later() {
    return clock.instant().plus(Duration.ofMinutes(10));
  }

  @Test
  void expiredNoncesAreDropped() {
    InProcessNonceStore store = new InProcessNonceStore(clock);
    store.useOnce("a", clock.instant().plusSeconds(30));
    store.useOnce("b", clock.instant().plusSeconds(30));
    clock.advance(Duration.ofMinutes(1));

    store.useOnce("c", later());

    assertThat(store.size()).isEqualTo(1);
  }
}
