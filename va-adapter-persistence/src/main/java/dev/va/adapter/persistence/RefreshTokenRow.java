package dev.va.adapter.persistence;

import dev.va.domain.user.RefreshToken;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code refresh_tokens}. */
record RefreshTokenRow(
    UUID id,
    UUID userId,
    UUID familyId,
    String tokenHash,
    Instant issuedAt,
    Instant expiresAt,
    Instant rotatedAt,
    Instant revokedAt) {

  static RefreshTokenRow of(RefreshToken token) {
    return new RefreshTokenRow(token.id(), token.userId().value(), token.familyId(), token.tokenHash(),
        token.issuedAt(), token.expiresAt(), token.rotatedAt(), token.revokedAt());
  }

  RefreshToken toDomain() {
    return new RefreshToken(id, new UserId(userId), familyId, tokenHash, issuedAt, expiresAt, rotatedAt, revokedAt);
  }
}
