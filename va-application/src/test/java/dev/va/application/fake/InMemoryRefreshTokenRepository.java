package dev.va.application.fake;

import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.RefreshTokenRepository;
import dev.va.domain.user.RefreshToken;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** Refresh tokens in memory; every method holds the lock, so rotation is a compare-and-set as in the database. */
public final class InMemoryRefreshTokenRepository implements RefreshTokenRepository, OwnedByUser {
  private final Map<UUID, RefreshToken> tokens = new LinkedHashMap<>();

  @Override
  public synchronized void insert(RefreshToken token) {
    if (tokens.containsKey(token.id())) throw new DuplicateException("id", "refresh token id is taken");
    if (findByHash(token.tokenHash()).isPresent()) {
      throw new DuplicateException("token_hash", "refresh token hash is taken");
    }
    tokens.put(token.id(), token);
  }

  @Override
  public synchronized Optional<RefreshToken> findByHash(String tokenHash) {
    return tokens.values().stream().filter(token -> token.tokenHash().equals(tokenHash)).findFirst();
  }

  @Override
  public synchronized boolean markRotated(UUID tokenId, Instant at) {
    RefreshToken token = tokens.get(tokenId);
    if (token == null || token.rotatedAt() != null || token.revokedAt() != null) return false;
    tokens.put(tokenId, new RefreshToken(token.id(), token.userId(), token.familyId(), token.tokenHash(),
        token.issuedAt(), token.expiresAt(), at, null));
    return true;
  }

  @Override
  public synchronized int revokeFamily(UUID familyId, Instant at) {
    return revokeLive(token -> token.familyId().equals(familyId), at);
  }

  @Override
  public synchronized int revokeAllForUser(UserId user, Instant at) {
    return revokeLive(token -> token.userId().equals(user), at);
  }

  @Override
  public synchronized void deleteOwnedBy(UserId owner) {
    tokens.values().removeIf(token -> token.userId().equals(owner));
  }

  private int revokeLive(Predicate<RefreshToken> selected, Instant at) {
    int revoked = 0;
    for (Map.Entry<UUID, RefreshToken> entry : tokens.entrySet()) {
      RefreshToken token = entry.getValue();
      if (selected.test(token) && token.usableAt(at)) {
        entry.setValue(new RefreshToken(token.id(), token.userId(), token.familyId(), token.tokenHash(),
            token.issuedAt(), token.expiresAt(), null, at));
        revoked++;
      }
    }
    return revoked;
  }
}
