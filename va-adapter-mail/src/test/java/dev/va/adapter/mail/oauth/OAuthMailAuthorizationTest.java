package dev.va.adapter.mail.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.MailAuthorization;
import dev.va.application.port.out.MailAuthorization.AuthorizationException;
import dev.va.application.port.out.MailAuthorizationContract;
import dev.va.domain.mail.MailProviderType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The flow through an OAuth client against a local token endpoint. */
class OAuthMailAuthorizationTest implements MailAuthorizationContract {
  private static final URI REDIRECT = URI.create("https://va.example.com/oauth/callback");

  private final SettableClock clock = new SettableClock(Instant.parse("2025-06-01T10:00:00Z"));
  private final InMemoryTokenCipher cipher = new InMemoryTokenCipher(List.of("key-1"));
  private final FakeTokenEndpoint endpoint = new FakeTokenEndpoint(token -> { });
  private HttpServer server;
  private OAuthMailAuthorization authorization;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", endpoint);
    server.start();
    OAuthClientSettings google = OAuthClientSettings.google(FakeTokenEndpoint.CLIENT_ID,
        FakeTokenEndpoint.CLIENT_SECRET, REDIRECT);
    OAuthClient client = new OAuthClient(google.withEndpoints(google.authorizationUri(),
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token")), Duration.ofSeconds(5), clock);
    authorization = new OAuthMailAuthorization(Map.of(MailProviderType.GMAIL, client), cipher);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Override
  public MailAuthorization authorization() {
    return authorization;
  }

  @Override
  public MailProviderType provider() {
    return MailProviderType.GMAIL;
  }

  @Override
  public String consent(URI authorizationUrl, String email) {
    Map<String, String> query = MailAuthorizationContract.query(authorizationUrl);
    return endpoint.consent(query.get("code_challenge"), query.get("redirect_uri"), email);
  }

  @Test
  void credentialsAreStoredInTheFormTheProvidersRead() {
    String code = consent(authorization.authorizationUrl(provider(), "s", FakeTokenEndpoint.s256(VERIFIER)),
        "me@gmail.com");

    MailAuthorization.Authorized authorized = authorization.exchange(provider(), code, VERIFIER);

    OAuthCredentials credentials = OAuthCredentials.parse(cipher.decrypt(authorized.credentials()));
    assertThat(credentials.refreshToken()).startsWith("rt-");
    assertThat(credentials.expiresAt()).isEqualTo(clock.instant().plusSeconds(3599));
    assertThat(authorized.scope()).contains("gmail.modify");
  }

  @Test
  void anUnreachableProviderIsAFailureNotARefusal() {
    server.stop(0);

    assertThatThrownBy(() -> authorization.exchange(provider(), "code-1", VERIFIER))
        .isInstanceOfSatisfying(AuthorizationException.class, e -> assertThat(e.refused()).isFalse());
  }
}
