package dev.va.application.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.port.out.AccessTokens;
import dev.va.application.port.out.AccessTokensContract;
import dev.va.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class InMemoryAccessTokensTest implements AccessTokensContract {
  private static final byte[] KEY = key('k');
  private static final byte[] OTHER_KEY = key('o');

  private static byte[] key(char fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }

  @Override
  public AccessTokens accessTokens(Clock clock, Duration lifetime) {
    return new InMemoryAccessTokens(KEY, lifetime, clock);
  }

  @Override
  public AccessTokens accessTokensWithOtherKey(Clock clock, Duration lifetime) {
    return new InMemoryAccessTokens(OTHER_KEY, lifetime, clock);
  }

  @Test
  void unsignedTokenWithTheSameClaimsIsRejected() {
    AccessTokens tokens = accessTokens(new SettableClock(Instant.parse("2025-03-01T10:00:00Z")), LIFETIME);
    String[] parts = tokens.issue(UserId.random()).token().split("\\.");
    String none = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(tokens.verify(none + "." + parts[1] + ".")).isEmpty();
    assertThat(tokens.verify(none + "." + parts[1] + "." + parts[2])).isEmpty();
  }
}
