package dev.va.adapter.persistence;

import java.time.Instant;

/** Statements on {@code oauth_nonces}, in NonceMapper.xml. */
interface NonceMapper {
  /** Inserts the nonce unless it is there already; returns the rows inserted (0 or 1). */
  int use(byte[] nonceHash, Instant expiresAt);

  /** Deletes up to {@code limit} rows that expired before {@code now}, skipping rows another session holds. */
  int purge(Instant now, int limit);
}
