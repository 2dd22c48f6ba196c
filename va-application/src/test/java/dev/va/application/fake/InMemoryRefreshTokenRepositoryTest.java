package dev.va.application.fake;

import dev.va.application.port.out.RefreshTokenRepository;
import dev.va.application.port.out.RefreshTokenRepositoryContract;
import dev.va.application.port.out.UserRepository;

class InMemoryRefreshTokenRepositoryTest implements RefreshTokenRepositoryContract {
  private final InMemoryRepositories repositories = new InMemoryRepositories();

  @Override
  public RefreshTokenRepository tokens() {
    return repositories.refreshTokens();
  }

  @Override
  public UserRepository users() {
    return repositories.users();
  }
}
