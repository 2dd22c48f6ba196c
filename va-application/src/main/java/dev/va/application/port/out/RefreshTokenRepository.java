package dev.va.application.port.out;

import dev.va.domain.user.RefreshToken;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens, by hash. Rotation is a compare-and-set so two concurrent uses cannot both succeed. A token is live
 * at an instant when it is neither rotated, revoked nor expired ({@link RefreshToken#usableAt}). Tokens go with their
 * user.
 */
public interface RefreshTokenRepository {
  /** @throws DuplicateException naming {@code id} or {@code token_hash} when taken */
  void insert(RefreshToken token);

  Optional<RefreshToken> findByHash(String tokenHash);

  /** Marks the token rotated if it is neither rotated nor revoked yet; false when another use got there first. */
  boolean markRotated(UUID tokenId, Instant at);

  /** Revokes every token of the family that is live at {@code at}; returns how many. */
  int revokeFamily(UUID familyId, Instant at);

  /** Revokes every token of the user that is live at {@code at} (password change, account deletion). */
  int revokeAllForUser(UserId user, Instant at);
}
