package dev.va.application.port.out;

import java.time.Instant;

/**
 * Remembers single-use values (such as the nonce of an OAuth state) until they expire, so that each can be used once.
 * Safe for concurrent use: of several simultaneous uses of one nonce exactly one succeeds.
 */
public interface NonceStore {
  /**
   * True the first time {@code nonce} is used, false when it was used before. Entries past {@code expiresAt} may be
   * forgotten, so a caller must itself refuse an expired nonce.
   */
  boolean useOnce(String nonce, Instant expiresAt);
}
