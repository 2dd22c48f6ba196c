package dev.va.adapter.persistence;

import dev.va.application.port.out.RefreshTokenRepository;
import dev.va.domain.user.RefreshToken;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Refresh tokens in PostgreSQL; rotation and revocation are single conditional updates. */
public final class PostgresRefreshTokenRepository implements RefreshTokenRepository {
  private final Database database;

  public PostgresRefreshTokenRepository(Database database) {
    this.database = database;
  }

  @Override
  public void insert(RefreshToken token) {
    database.run(RefreshTokenMapper.class, mapper -> mapper.insert(RefreshTokenRow.of(token)));
  }

  @Override
  public Optional<RefreshToken> findByHash(String tokenHash) {
    return Optional.ofNullable(database.call(RefreshTokenMapper.class, mapper -> mapper.findByHash(tokenHash)))
        .map(RefreshTokenRow::toDomain);
  }

  @Override
  public boolean markRotated(UUID tokenId, Instant at) {
    return database.call(RefreshTokenMapper.class, mapper -> mapper.markRotated(tokenId, at)) > 0;
  }

  @Override
  public int revokeFamily(UUID familyId, Instant at) {
    return database.call(RefreshTokenMapper.class, mapper -> mapper.revokeFamily(familyId, at));
  }

  @Override
  public int revokeAllForUser(UserId user, Instant at) {
    return database.call(RefreshTokenMapper.class, mapper -> mapper.revokeAllForUser(user.value(), at));
  }
}
