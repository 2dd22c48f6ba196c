package dev.va.adapter.mail.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OAuthCredentialsTest {
  private final Instant expiry = Instant.parse("2025-06-01T11:00:00Z");

  @Test
  void jsonRoundTrip() {
    OAuthCredentials credentials = new OAuthCredentials("at", "rt", expiry, "scope a");

    String json = credentials.toJson();

    assertThat(json).contains("\"type\":\"oauth2\"").contains("\"expires_at\":" + expiry.getEpochSecond());
    assertThat(OAuthCredentials.parse(json)).isEqualTo(credentials);
    assertThat(credentials.toString()).doesNotContain("at,").doesNotContain("rt");
  }

  @Test
  void plainTextIsABareAccessToken() {
    OAuthCredentials bare = OAuthCredentials.parse("ya29.token");

    assertThat(bare).isEqualTo(new OAuthCredentials("ya29.token", null, null, null));
    assertThat(bare.refreshable()).isFalse();
    assertThat(bare.expiresWithin(Duration.ofMinutes(1), expiry)).isFalse();
  }

  @Test
  void unreadableCredentialsAreRejected() {
    for (String bad : new String[] {"", "{", "{\"type\":\"password\",\"access_token\":\"x\"}",
        "{\"type\":\"oauth2\"}", "{\"type\":\"oauth2\",\"access_token\":\"x\",\"expires_at\":\"soon\"}"}) {
      assertThatThrownBy(() -> OAuthCredentials.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aRefreshKeepsWhatTheAnswerLacks() {
    OAuthCredentials credentials = new OAuthCredentials("at", "rt", expiry, "scope a");

    OAuthCredentials refreshed = credentials.refreshedWith(new Tokens("at-2", null, expiry.plusSeconds(3600), null, null));

    assertThat(refreshed).isEqualTo(new OAuthCredentials("at-2", "rt", expiry.plusSeconds(3600), "scope a"));
  }

  @Test
  void expiryIsCheckedWithAMargin() {
    OAuthCredentials credentials = new OAuthCredentials("at", "rt", expiry, null);

    assertThat(credentials.expiresWithin(Duration.ofSeconds(60), expiry.minusSeconds(61))).isFalse();
    assertThat(credentials.expiresWithin(Duration.ofSeconds(60), expiry.minusSeconds(60))).isTrue();
    assertThat(credentials.expiresWithin(Duration.ofSeconds(60), expiry.plusSeconds(1))).isTrue();
  }
}
