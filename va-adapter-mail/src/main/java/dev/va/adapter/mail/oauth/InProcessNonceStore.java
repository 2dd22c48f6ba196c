package dev.va.adapter.mail.oauth;

import dev.va.application.port.out.NonceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Used nonces in this process's memory: single use holds per process only, and is forgotten on restart (OAuth states
 * expire within minutes, so a restart reopens at most that window). Expired entries are dropped as nonces are used,
 * so memory stays bounded by the nonces of one time-to-live.
 */
public final class InProcessNonceStore implements NonceStore {
  private final ConcurrentHashMap<String, Instant> used = new ConcurrentHashMap<>();
  private final Clock clock;

  public InProcessNonceStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public boolean useOnce(String nonce, Instant expiresAt) {
    if (nonce == null || expiresAt == null) throw new IllegalArgumentException("nonce and expiry are required");
    Instant now = clock.instant();
    used.values().removeIf(expiry -> expiry.isBefore(now));
    return used.putIfAbsent(nonce, expiresAt) == null;
  }

  int size() {
    return used.size();
  }
}
