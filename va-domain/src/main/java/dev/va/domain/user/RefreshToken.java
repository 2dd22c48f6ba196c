package dev.va.domain.user;

import dev.va.domain.shared.Require;
import java.time.Instant;
import java.util.UUID;

/**
 * A refresh token, stored only as a hash. Tokens of one login form a family: each use rotates the token (the old
 * one is marked rotated and a new one issued in the same family); presenting a rotated token again means it was
 * stolen, and the whole family is revoked.
 */
public record RefreshToken(
    UUID id,
    UserId userId,
    UUID familyId,
    String tokenHash,
    Instant issuedAt,
    Instant expiresAt,
    Instant rotatedAt,
    Instant revokedAt) {

  public RefreshToken {
    Require.nonNull(id, "id");
    Require.nonNull(userId, "user_id");
    Require.nonNull(familyId, "family_id");
    Require.notBlank(tokenHash, "token_hash");
    Require.nonNull(issuedAt, "issued_at");
    Require.nonNull(expiresAt, "expires_at");
    Require.that(expiresAt.isAfter(issuedAt), "expires_at", "expires_at must be after issued_at");
  }

  public static RefreshToken issue(UserId user, UUID family, String hash, Instant now, java.time.Duration lifetime) {
    return new RefreshToken(UUID.randomUUID(), user, family, hash, now, now.plus(lifetime), null, null);
  }

  /** Usable: neither rotated, revoked nor expired at {@code now}. */
  public boolean usableAt(Instant now) {
    return rotatedAt == null && revokedAt == null && now.isBefore(expiresAt);
  }
}
