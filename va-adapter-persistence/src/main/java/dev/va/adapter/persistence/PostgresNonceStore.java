package dev.va.adapter.persistence;

import dev.va.application.port.out.NonceStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;

/**
 * Used nonces in {@code oauth_nonces}, so a nonce is used once across all processes sharing the database and across
 * restarts: the insert of a nonce's SHA-256 either adds the row or finds it there ({@code ON CONFLICT DO NOTHING}).
 * Each use also deletes a bounded batch of expired rows, so the table holds about one time-to-live of nonces. Expiry
 * is read on the injected clock, the one callers check states against, so a skewed database clock cannot forget a
 * nonce that a caller still accepts.
 */
public final class PostgresNonceStore implements NonceStore {
  /** Expired rows deleted per use: far more than one use adds, so the table cannot grow. */
  static final int PURGE_BATCH = 100;

  private final Database database;
  private final Clock clock;

  public PostgresNonceStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  @Override
  public boolean useOnce(String nonce, Instant expiresAt) {
    if (nonce == null || expiresAt == null) throw new IllegalArgumentException("nonce and expiry are required");
    byte[] hash = sha256(nonce);
    return database.call(NonceMapper.class, mapper -> {
      mapper.purge(clock.instant(), PURGE_BATCH);
      return mapper.use(hash, expiresAt) == 1;
    });
  }

  private static byte[] sha256(String nonce) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(nonce.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
