package dev.va.application.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.port.out.NonceStore;
import dev.va.application.port.out.NonceStoreContract;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryNonceStoreTest implements NonceStoreContract {
  private final SettableClock clock = new SettableClock(Instant.parse("2025-06-01T10:00:00Z"));

  @Override
  public NonceStore nonceStore() {
    return new InMemoryNonceStore(clock);
  }

  @Override
  public Instant later() {
    return clock.instant().plus(Duration.ofHours(1));
  }

  @Test
  void expiredNoncesAreForgotten() {
    InMemoryNonceStore store = new InMemoryNonceStore(clock);
    store.useOnce("old", clock.instant().plusSeconds(60));
    clock.advance(Duration.ofMinutes(2));

    store.useOnce("new", later());

    assertThat(store.size()).isEqualTo(1);
  }
}
