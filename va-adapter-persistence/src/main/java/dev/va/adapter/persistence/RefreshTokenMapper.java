package dev.va.adapter.persistence;

import java.time.Instant;
import java.util.UUID;

/** Statements on {@code refresh_tokens}, in RefreshTokenMapper.xml. */
interface RefreshTokenMapper {
  void insert(RefreshTokenRow row);

  RefreshTokenRow findByHash(String tokenHash);

  /** @return 1 when this call rotated the token, 0 when it was already rotated, revoked or is unknown */
  int markRotated(UUID id, Instant at);

  int revokeFamily(UUID familyId, Instant at);

  int revokeAllForUser(UUID userId, Instant at);
}
