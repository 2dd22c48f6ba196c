package dev.va.application.port.out;

import static dev.va.application.fixture.RefreshTokenBuilder.aRefreshToken;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.fixture.TestTimes;
import dev.va.domain.user.RefreshToken;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link RefreshTokenRepository} shares. */
public interface RefreshTokenRepositoryContract {
  RefreshTokenRepository tokens();

  /** Where owners are stored first, so stores with foreign keys accept the tokens. */
  UserRepository users();

  private UserId storedUser() {
    User user = aUser().build();
    users().insert(user);
    return user.id();
  }

  private RefreshToken stored(RefreshToken token) {
    tokens().insert(token);
    return token;
  }

  private RefreshToken reread(RefreshToken token) {
    return tokens().findByHash(token.tokenHash()).orElseThrow();
  }

  @Test
  default void storesEveryFieldOfALiveToken() {
    RefreshToken token = stored(aRefreshToken(storedUser()).build());

    assertThat(tokens().findByHash(token.tokenHash())).contains(token);
  }

  @Test
  default void storesEveryFieldOfARotatedAndRevokedToken() {
    RefreshToken token = stored(aRefreshToken(storedUser())
        .rotatedAt(TestTimes.at(10)).revokedAt(TestTimes.at(20)).build());

    assertThat(tokens().findByHash(token.tokenHash())).contains(token);
  }

  @Test
  default void findsNothingForAnUnknownHash() {
    stored(aRefreshToken(storedUser()).build());

    assertThat(tokens().findByHash("unknown-" + UUID.randomUUID())).isEmpty();
  }

  @Test
  default void rejectsATakenHashAndKeepsTheFirstToken() {
    RefreshToken first = stored(aRefreshToken(storedUser()).build());
    RefreshToken second = aRefreshToken(storedUser()).tokenHash(first.tokenHash()).build();

    assertThatThrownBy(() -> tokens().insert(second))
        .isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("token_hash"));

    assertThat(reread(first)).isEqualTo(first);
  }

  @Test
  default void rejectsATakenId() {
    RefreshToken first = stored(aRefreshToken(storedUser()).build());

    assertThatThrownBy(() -> tokens().insert(aRefreshToken(first.userId()).id(first.id()).build()))
        .isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("id"));
  }

  @Test
  default void rotatesALiveTokenOnce() {
    RefreshToken token = stored(aRefreshToken(storedUser()).build());

    assertThat(tokens().markRotated(token.id(), TestTimes.at(100))).isTrue();
    assertThat(tokens().markRotated(token.id(), TestTimes.at(200))).isFalse();

    assertThat(reread(token).rotatedAt()).isEqualTo(TestTimes.at(100));
    assertThat(reread(token).revokedAt()).isNull();
  }

  @Test
  default void neverRotatesARevokedOrUnknownToken() {
    RefreshToken revoked = stored(aRefreshToken(storedUser()).revokedAt(TestTimes.at(5)).build());

    assertThat(tokens().markRotated(revoked.id(), TestTimes.at(100))).isFalse();
    assertThat(tokens().markRotated(UUID.randomUUID(), TestTimes.at(100))).isFalse();

    assertThat(reread(revoked)).isEqualTo(revoked);
  }

  @Test
  default void exactlyOneOfConcurrentRotationsWins() throws Exception {
    UserId owner = storedUser();
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 20; round++) {
        RefreshToken token = stored(aRefreshToken(owner).build());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          Instant at = TestTimes.at(100 + i);
          Callable<Boolean> rotate = () -> {
            start.await();
            return tokens().markRotated(token.id(), at);
          };
          results.add(pool.submit(rotate));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> result : results) {
          if (result.get(10, TimeUnit.SECONDS)) winners++;
        }
        assertThat(winners).as("round %d", round).isEqualTo(1);
        assertThat(reread(token).rotatedAt()).isNotNull();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void revokesTheLiveTokensOfOneFamilyOnly() {
    UserId owner = storedUser();
    UUID family = UUID.randomUUID();
    Instant now = TestTimes.at(1000);
    RefreshToken live = stored(aRefreshToken(owner).family(family).build());
    RefreshToken otherLive = stored(aRefreshToken(owner).family(family).build());
    RefreshToken rotated = stored(aRefreshToken(owner).family(family).rotatedAt(TestTimes.at(10)).build());
    RefreshToken revoked = stored(aRefreshToken(owner).family(family).revokedAt(TestTimes.at(20)).build());
    RefreshToken expired = stored(aRefreshToken(owner).family(family).expiresAt(now).build());
    RefreshToken otherFamily = stored(aRefreshToken(owner).build());

    assertThat(tokens().revokeFamily(family, now)).isEqualTo(2);

    assertThat(reread(live).revokedAt()).isEqualTo(now);
    assertThat(reread(otherLive).revokedAt()).isEqualTo(now);
    assertThat(reread(rotated)).isEqualTo(rotated);
    assertThat(reread(revoked)).isEqualTo(revoked);
    assertThat(reread(expired)).isEqualTo(expired);
    assertThat(reread(otherFamily)).isEqualTo(otherFamily);
    assertThat(tokens().revokeFamily(family, TestTimes.at(2000))).isZero();
  }

  @Test
  default void revokesTheLiveTokensOfOneUserOnly() {
    UserId owner = storedUser();
    Instant now = TestTimes.at(1000);
    RefreshToken live = stored(aRefreshToken(owner).build());
    RefreshToken liveOfAnotherLogin = stored(aRefreshToken(owner).build());
    RefreshToken rotated = stored(aRefreshToken(owner).rotatedAt(TestTimes.at(10)).build());
    RefreshToken stranger = stored(aRefreshToken(storedUser()).build());

    assertThat(tokens().revokeAllForUser(owner, now)).isEqualTo(2);

    assertThat(reread(live).revokedAt()).isEqualTo(now);
    assertThat(reread(liveOfAnotherLogin).revokedAt()).isEqualTo(now);
    assertThat(reread(rotated)).isEqualTo(rotated);
    assertThat(reread(stranger)).isEqualTo(stranger);
    assertThat(tokens().markRotated(live.id(), TestTimes.at(1001))).isFalse();
  }

  @Test
  default void deletingTheUserDeletesTheTokens() {
    RefreshToken token = stored(aRefreshToken(storedUser()).build());
    RefreshToken other = stored(aRefreshToken(storedUser()).build());

    users().delete(token.userId());

    assertThat(tokens().findByHash(token.tokenHash())).isEmpty();
    assertThat(tokens().findByHash(other.tokenHash())).contains(other);
  }
}
