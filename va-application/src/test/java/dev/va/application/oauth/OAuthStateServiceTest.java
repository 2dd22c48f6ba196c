package dev.va.application.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.fake.InMemoryNonceStore;
import dev.va.application.fake.InMemorySecureTokens;
import dev.va.application.fake.SettableClock;
import dev.va.application.oauth.OAuthStateService.Start;
import dev.va.application.oauth.OAuthStateService.Verified;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class OAuthStateServiceTest {
  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final SettableClock clock = new SettableClock(Instant.parse("2025-06-01T10:00:00Z"));
  private final InMemoryNonceStore nonces = new InMemoryNonceStore(clock);
  private final OAuthStateService service = service(KEY);
  private final UserId user = UserId.random();

  private OAuthStateService service(byte[] key) {
    return new OAuthStateService(key, nonces, new InMemorySecureTokens(), clock, Duration.ofMinutes(10));
  }

  @Test
  void aStateComesBackWithItsUserProviderAndVerifier() {
    Start start = service.start(user, MailProviderType.GMAIL);

    Verified verified = service.verify(start.state());

    assertThat(verified.userId()).isEqualTo(user);
    assertThat(verified.provider()).isEqualTo(MailProviderType.GMAIL);
    assertThat(verified.codeVerifier()).matches("[A-Za-z0-9_-]{43}");
    assertThat(OAuthStateService.challenge(verified.codeVerifier())).isEqualTo(start.codeChallenge());
    assertThat(start.state()).matches("[A-Za-z0-9_.-]+").doesNotContain(verified.codeVerifier());
    assertThat(start.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
  }

  @Test
  void eachStartHasItsOwnStateAndVerifier() {
    Start a = service.start(user, MailProviderType.GMAIL);
    Start b = service.start(user, MailProviderType.GMAIL);

    assertThat(a.state()).isNotEqualTo(b.state());
    assertThat(a.codeChallenge()).isNotEqualTo(b.codeChallenge());
  }

  @Test
  void aStateIsAcceptedOnce() {
    String state = service.start(user, MailProviderType.OUTLOOK).state();
    service.verify(state);

    assertThatThrownBy(() -> service.verify(state))
        .isInstanceOf(InvalidOAuthStateException.class).hasMessageContaining("used before");
  }

  @Test
  void anExpiredStateIsRefused() {
    String state = service.start(user, MailProviderType.GMAIL).state();
    clock.advance(Duration.ofMinutes(10));

    assertThatThrownBy(() -> service.verify(state))
        .isInstanceOf(InvalidOAuthStateException.class).hasMessageContaining("expired");
  }

  @Test
  void anAlteredStateIsRefused() {
    String[] parts = service.start(user, MailProviderType.GMAIL).state().split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String otherUser = payload.replace(user.toString(), UserId.random().toString());
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(otherUser.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

    assertThatThrownBy(() -> service.verify(forged))
        .isInstanceOf(InvalidOAuthStateException.class).hasMessageContaining("forged");
  }

  @Test
  void aStateSignedWithAnotherKeyIsRefused() {
    byte[] otherKey = Arrays.copyOf(KEY, KEY.length);
    otherKey[0] ^= 1;
    String state = service(otherKey).start(user, MailProviderType.GMAIL).state();

    assertThatThrownBy(() -> service.verify(state)).isInstanceOf(InvalidOAuthStateException.class);
  }

  @Test
  void malformedStatesAreRefused() {
    for (String bad : new String[] {null, "", "v1", "v1.a", "v2.a.b", "v1.!!.??", "v1..", "a.b.c.d"}) {
      assertThatThrownBy(() -> service.verify(bad)).as(bad).isInstanceOf(InvalidOAuthStateException.class);
    }
  }

  @Test
  void challengeFollowsRfc7636() {
    // RFC 7636, appendix B
    assertThat(OAuthStateService.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void aShortKeyIsRejected() {
    assertThatThrownBy(() -> service(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }
}
