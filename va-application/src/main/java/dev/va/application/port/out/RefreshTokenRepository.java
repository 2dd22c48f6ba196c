package dev.va.application.port.out;

import dev.va.domain.user.RefreshToken;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Refresh tokens, by hash. Rotation is a compare-and-set so two concurrent uses cannot both succeed. */
public interface RefreshTokenRepository {
  void insert(RefreshToken token);

  Optional<RefreshToken> findByHash(String tokenHash);

  /** Marks the token rotated if it is neither rotated nor revoked yet; false when another use got there first. */
  boolean markRotated(UUID tokenId, Instant at);

  /** Revokes every token of the family; returns how many were still live. */
  int revokeFamily(UUID familyId, Instant at);

  /** Revokes every token of the user (password change, account deletion). */
  int revokeAllForUser(UserId user, Instant at);
}
