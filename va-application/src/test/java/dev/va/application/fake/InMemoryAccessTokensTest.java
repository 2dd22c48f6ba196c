package dev.va.application.fake;

import dev.va.application.port.out.AccessTokens;
import dev.va.application.port.out.AccessTokensContract;
import java.time.Clock;
import java.time.Duration;

class InMemoryAccessTokensTest implements AccessTokensContract {
  @Override
  public AccessTokens accessTokens(Clock clock, Duration lifetime) {
    return new InMemoryAccessTokens("key-1", lifetime, clock);
  }

  @Override
  public AccessTokens accessTokensWithOtherKey(Clock clock, Duration lifetime) {
    return new InMemoryAccessTokens("key-2", lifetime, clock);
  }
}
