package dev.va.application.fake;

import dev.va.application.port.out.NonceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** Used nonces in a map; expired ones are dropped whenever a nonce is used. */
public final class InMemoryNonceStore implements NonceStore {
  private final ConcurrentHashMap<String, Instant> used = new ConcurrentHashMap<>();
  private final Clock clock;

  public InMemoryNonceStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public boolean useOnce(String nonce, Instant expiresAt) {
    Instant now = clock.instant();
    used.values().removeIf(expiry -> expiry.isBefore(now));
    return used.putIfAbsent(nonce, expiresAt) == null;
  }

  public int size() {
    return used.size();
  }
}
