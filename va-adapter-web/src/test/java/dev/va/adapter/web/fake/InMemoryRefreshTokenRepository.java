package dev.va.adapter.web.fake;

import dev.va.application.port.out.RefreshTokenRepository;
import dev.va.domain.user.RefreshToken;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Minimal refresh-token store for the web tests, until the shared fake in va-application's test-jar (with its
 * contract) replaces it.
 */
public final class InMemoryRefreshTokenRepository implements RefreshTokenRepository {
  private final Map<UUID, RefreshToken> tokens = new LinkedHashMap<>();

  @Override
  public synchronized void insert(RefreshToken token) {
    tokens.put(token.id(), token);
  }

  @Override
  public synchronized Optional<RefreshToken> findByHash(String tokenHash) {
    return tokens.values().stream().filter(t -> t.tokenHash().equals(tokenHash)).findFirst();
  }

  @Override
  public synchronized boolean markRotated(UUID tokenId, Instant at) {
    RefreshToken t = tokens.get(tokenId);
    if (t == null || t.rotatedAt() != null || t.revokedAt() != null) return false;
    tokens.put(t.id(), new RefreshToken(t.id(), t.userId(), t.familyId(), t.tokenHash(), t.issuedAt(), t.expiresAt(),
        at, null));
    return true;
  }

  @Override
  public synchronized int revokeFamily(UUID familyId, Instant at) {
    return revokeWhere(t -> t.familyId().equals(familyId), at);
  }

  @Override
  public synchronized int revokeAllForUser(UserId user, Instant at) {
    return revokeWhere(t -> t.userId().equals(user), at);
  }

  /** Whether the family has tokens and every one of them is revoked. */
  public synchronized boolean familyRevoked(UUID familyId) {
    List<RefreshToken> family = tokens.values().stream().filter(t -> t.familyId().equals(familyId)).toList();
    return !family.isEmpty() && family.stream().allMatch(t -> t.revokedAt() != null);
  }

  private int revokeWhere(Predicate<RefreshToken> selected, Instant at) {
    int[] live = {0};
    tokens.replaceAll((id, t) -> {
      if (!selected.test(t) || t.revokedAt() != null) return t;
      if (t.usableAt(at)) live[0]++;
      return new RefreshToken(t.id(), t.userId(), t.familyId(), t.tokenHash(), t.issuedAt(), t.expiresAt(),
          t.rotatedAt(), at);
    });
    return live[0];
  }
}
