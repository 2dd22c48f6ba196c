package dev.va.adapter.mail.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.va.application.fake.SettableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OAuth client against a local token endpoint. */
class OAuthClientTest {
  private static final URI REDIRECT = URI.create("https://va.example.com/api/oauth/callback");
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

  private final SettableClock clock = new SettableClock(Instant.parse("2025-06-01T10:00:00Z"));
  private final List<String> issued = new ArrayList<>();
  private final FakeTokenEndpoint endpoint = new FakeTokenEndpoint(issued::add);
  private HttpServer server;
  private URI tokenUri;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", endpoint);
    server.start();
    tokenUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private OAuthClient google() {
    return client(OAuthClientSettings.google(FakeTokenEndpoint.CLIENT_ID, FakeTokenEndpoint.CLIENT_SECRET, REDIRECT));
  }

  private OAuthClient client(OAuthClientSettings settings) {
    return new OAuthClient(settings.withEndpoints(settings.authorizationUri(), tokenUri), Duration.ofSeconds(5),
        clock);
  }

  private static Map<String, String> query(URI uri) {
    return FakeTokenEndpoint.form(uri.getRawQuery());
  }

  @Test
  void googleAuthorizationUrlAsksForGmailWithPkceAndOfflineAccess() {
    URI url = google().authorizationUrl("state-1", "challenge-1");

    assertThat(url.toString()).startsWith("https://accounts.google.com/o/oauth2/v2/auth?");
    assertThat(url.getRawQuery()).doesNotContain(" ").doesNotContain("+");
    assertThat(query(url)).containsAllEntriesOf(Map.of(
        "response_type", "code",
        "client_id", FakeTokenEndpoint.CLIENT_ID,
        "redirect_uri", REDIRECT.toString(),
        "scope", "https://www.googleapis.com/auth/gmail.modify openid email",
        "state", "state-1",
        "code_challenge", "challenge-1",
        "code_challenge_method", "S256",
        "access_type", "offline",
        "prompt", "consent"));
  }

  @Test
  void microsoftAuthorizationUrlAsksForImapAndSmtp() {
    OAuthClient microsoft = client(OAuthClientSettings.microsoft("common", "ms-client", null, REDIRECT));

    URI url = microsoft.authorizationUrl("s", "c");

    assertThat(url.toString()).startsWith("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?");
    assertThat(query(url).get("scope")).isEqualTo("https://outlook.office365.com/IMAP.AccessAsUser.All "
        + "https://outlook.office365.com/SMTP.Send offline_access openid email");
    assertThat(query(url)).doesNotContainKey("access_type");
  }

  @Test
  void aCodeIsExchangedWithItsVerifier() {
    String code = endpoint.consent(FakeTokenEndpoint.s256(VERIFIER), REDIRECT.toString(), "me@gmail.com");

    Tokens tokens = google().exchange(code, VERIFIER);

    assertThat(tokens.accessToken()).isEqualTo(issued.get(0));
    assertThat(tokens.refreshToken()).startsWith("rt-");
    assertThat(tokens.expiresAt()).isEqualTo(clock.instant().plusSeconds(3599));
    assertThat(tokens.scope()).contains("gmail.modify");
    assertThat(tokens.email()).isEqualTo("me@gmail.com");
    assertThat(tokens.toString()).doesNotContain(tokens.accessToken()).doesNotContain(tokens.refreshToken());
    Map<String, String> sent = endpoint.requests().get(0);
    assertThat(sent).containsEntry("grant_type", "authorization_code").containsEntry("code_verifier", VERIFIER)
        .containsEntry("redirect_uri", REDIRECT.toString()).containsEntry("client_secret", "secret-1");
  }

  @Test
  void aWrongVerifierOrAUsedCodeIsAnInvalidGrant() {
    String code = endpoint.consent(FakeTokenEndpoint.s256(VERIFIER), REDIRECT.toString(), "me@gmail.com");
    assertThatThrownBy(() -> google().exchange(code, VERIFIER.replace('d', 'e')))
        .isInstanceOfSatisfying(OAuthException.class, e -> {
          assertThat(e.invalidGrant()).isTrue();
          assertThat(e.status()).isEqualTo(400);
        });
    // the fake, like real servers, burns a code on its first use
    assertThatThrownBy(() -> google().exchange(code, VERIFIER))
        .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.invalidGrant()).isTrue());
  }

  @Test
  void refreshKeepsTheRefreshTokenWhenNoNewOneComes() {
    endpoint.addRefreshToken("rt-a");

    Tokens tokens = google().refresh("rt-a");

    assertThat(tokens.accessToken()).isEqualTo(issued.get(0));
    assertThat(tokens.refreshToken()).isEqualTo("rt-a");
    assertThat(tokens.email()).isNull();
    assertThat(endpoint.requests().get(0)).containsEntry("grant_type", "refresh_token")
        .containsEntry("refresh_token", "rt-a").doesNotContainKey("scope");
  }

  @Test
  void microsoftRefreshNamesTheScopesAndTakesTheRotatedToken() {
    endpoint.addRefreshToken("rt-m");
    endpoint.rotateRefreshTokens();
    OAuthClient microsoft = client(OAuthClientSettings.microsoft("common", FakeTokenEndpoint.CLIENT_ID,
        FakeTokenEndpoint.CLIENT_SECRET, REDIRECT));

    Tokens tokens = microsoft.refresh("rt-m");

    assertThat(tokens.refreshToken()).isEqualTo("rt-m-r");
    assertThat(endpoint.requests().get(0).get("scope")).contains("IMAP.AccessAsUser.All", "offline_access");
  }

  @Test
  void aRevokedRefreshTokenIsAnInvalidGrant() {
    assertThatThrownBy(() -> google().refresh("rt-revoked"))
        .isInstanceOfSatisfying(OAuthException.class, e -> {
          assertThat(e.invalidGrant()).isTrue();
          assertThat(e.error()).isEqualTo("invalid_grant");
          assertThat(e.getMessage()).contains("expired or revoked");
        });
  }

  @Test
  void aRefusedClientIsNotAnInvalidGrant() {
    endpoint.addRefreshToken("rt-a");
    OAuthClient wrongSecret = client(OAuthClientSettings.google(FakeTokenEndpoint.CLIENT_ID, "wrong", REDIRECT));

    assertThatThrownBy(() -> wrongSecret.refresh("rt-a"))
        .isInstanceOfSatisfying(OAuthException.class, e -> {
          assertThat(e.error()).isEqualTo("invalid_client");
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.invalidGrant()).isFalse();
        });
  }

  @Test
  void unusableAnswersAreOAuthExceptions() {
    endpoint.addRefreshToken("rt-a");
    endpoint.answerNext(500, "<html>Server Error</html>");
    endpoint.answerNext(200, "{\"access_token\": ");
    endpoint.answerNext(200, "{\"token_type\":\"Bearer\"}");
    endpoint.answerNext(200, "{\"access_token\":\"x\",\"token_type\":\"mac\"}");
    endpoint.answerNext(200, "{\"access_token\":\"x\",\"expires_in\":\"soon\"}");

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> google().refresh("rt-a"))
          .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.invalidGrant()).isFalse());
    }
    // expires_in given as a string of digits is read as a number
    endpoint.answerNext(200, "{\"access_token\":\"x\",\"token_type\":\"bearer\",\"expires_in\":\"60\"}");
    assertThat(google().refresh("rt-a").expiresAt()).isEqualTo(clock.instant().plusSeconds(60));
  }

  @Test
  void anUnreachableEndpointIsAnOAuthExceptionWithoutStatus() {
    server.stop(0);

    assertThatThrownBy(() -> google().refresh("rt-a"))
        .isInstanceOfSatisfying(OAuthException.class, e -> {
          assertThat(e.status()).isZero();
          assertThat(e.invalidGrant()).isFalse();
        });
  }

  @Test
  void theEmailOfAnIdTokenIsReadOnlyWhenVerified() {
    String verified = jwt("{\"email\":\"a@example.com\",\"email_verified\":true}");
    String unverified = jwt("{\"email\":\"a@example.com\",\"email_verified\":false}");
    String microsoft = jwt("{\"preferred_username\":\"b@contoso.com\"}");

    assertThat(OAuthClient.emailOf(verified)).isEqualTo("a@example.com");
    assertThat(OAuthClient.emailOf(unverified)).isNull();
    assertThat(OAuthClient.emailOf(microsoft)).isEqualTo("b@contoso.com");
    assertThat(OAuthClient.emailOf("not-a-jwt")).isNull();
    assertThat(OAuthClient.emailOf("a.!!!.c")).isNull();
  }

  private static String jwt(String claims) {
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{}".getBytes()) + "." + b64.encodeToString(claims.getBytes()) + ".sig";
  }
}
