package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fake.SettableClock;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link AccessTokens} must have. */
public interface AccessTokensContract {

  Duration LIFETIME = Duration.ofMinutes(15);

  /** Tokens that read the time from {@code clock}, live {@code lifetime}, with one fixed key per test instance. */
  AccessTokens accessTokens(Clock clock, Duration lifetime);

  /** Like {@link #accessTokens} but with a different key. */
  AccessTokens accessTokensWithOtherKey(Clock clock, Duration lifetime);

  @Test
  default void issuedTokenVerifiesToItsClaims() {
    SettableClock clock = new SettableClock(Instant.parse("2025-03-01T10:00:00.750Z"));
    AccessTokens tokens = accessTokens(clock, LIFETIME);
    UserId user = UserId.random();

    IssuedToken issued = tokens.issue(user);
    AccessClaims claims = tokens.verify(issued.token()).orElseThrow();

    assertThat(claims.user()).isEqualTo(user);
    assertThat(claims.jti()).isEqualTo(issued.jti());
    assertThat(claims.issuedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
    assertThat(claims.expiresAt()).isEqualTo(issued.expiresAt()).isEqualTo(Instant.parse("2025-03-01T10:15:00Z"));
  }

  @Test
  default void everyTokenHasItsOwnId() {
    AccessTokens tokens = accessTokens(new SettableClock(Instant.parse("2025-03-01T10:00:00Z")), LIFETIME);
    UserId user = UserId.random();
    assertThat(tokens.issue(user).jti()).isNotEqualTo(tokens.issue(user).jti());
  }

  @Test
  default void tokenExpiresAfterItsLifetime() {
    SettableClock clock = new SettableClock(Instant.parse("2025-03-01T10:00:00Z"));
    AccessTokens tokens = accessTokens(clock, Duration.ofMinutes(5));
    String token = tokens.issue(UserId.random()).token();

    clock.set(Instant.parse("2025-03-01T10:04:59Z"));
    assertThat(tokens.verify(token)).isPresent();
    clock.set(Instant.parse("2025-03-01T10:05:01Z"));
    assertThat(tokens.verify(token)).isEmpty();
  }

  @Test
  default void tamperedTokenIsRejected() {
    AccessTokens tokens = accessTokens(new SettableClock(Instant.parse("2025-03-01T10:00:00Z")), LIFETIME);
    String token = tokens.issue(UserId.random()).token();
    int middle = token.length() / 2;
    char replacement = token.charAt(middle) == 'A' ? 'B' : 'A';

    assertThat(tokens.verify(token.substring(0, middle) + replacement + token.substring(middle + 1))).isEmpty();
    assertThat(tokens.verify(token.substring(0, token.length() - 1))).isEmpty();
    assertThat(tokens.verify(token + "A")).isEmpty();
  }

  @Test
  default void tokenOfAnotherKeyIsRejected() {
    SettableClock clock = new SettableClock(Instant.parse("2025-03-01T10:00:00Z"));
    String token = accessTokensWithOtherKey(clock, LIFETIME).issue(UserId.random()).token();
    assertThat(accessTokens(clock, LIFETIME).verify(token)).isEmpty();
  }

  @Test
  default void garbageIsRejectedWithoutThrowing() {
    AccessTokens tokens = accessTokens(new SettableClock(Instant.parse("2025-03-01T10:00:00Z")), LIFETIME);
    for (String garbage : Arrays.asList(null, "", " ", "abc", "a.b.c", "..", "Bearer x", "eyJhbGciOiJIUzI1NiJ9..")) {
      assertThat(tokens.verify(garbage)).as(String.valueOf(garbage)).isEqualTo(Optional.empty());
    }
  }
}
