package dev.va.adapter.mail.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.va.application.fake.InMemoryEmailAccountRepository;
import dev.va.application.fake.InMemoryEmailMessageRepository;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.fake.SettableClock;
import dev.va.application.mail.AccountCredentialStore;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.UserId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthTokenSourceTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T08:00:00Z"));
  private final InMemoryTokenCipher cipher = new InMemoryTokenCipher(List.of("key-1"));
  private final InMemoryEmailAccountRepository accounts =
      new InMemoryEmailAccountRepository(new InMemoryEmailMessageRepository());
  private final FakeTokenEndpoint endpoint = new FakeTokenEndpoint(token -> { });
  private HttpServer server;
  private OAuthTokenSource tokens;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", endpoint);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    OAuthClientSettings microsoft = OAuthClientSettings.microsoft("common", FakeTokenEndpoint.CLIENT_ID,
        FakeTokenEndpoint.CLIENT_SECRET, URI.create("https://va.example.com/oauth/callback"));
    OAuthClient client = new OAuthClient(microsoft.withEndpoints(microsoft.authorizationUri(),
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token")), Duration.ofSeconds(5), clock);
    tokens = new OAuthTokenSource(client, cipher, new AccountCredentialStore(accounts, clock), clock);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private EmailAccount account(OAuthCredentials credentials) {
    Instant now = clock.instant();
    EmailAccount account = new EmailAccount(EmailAccountId.random(), UserId.random(), MailProviderType.OUTLOOK,
        EmailAddress.of("ada@example.com"), "Ada", new ServerEndpoint("127.0.0.1", 993, ServerEndpoint.Security.TLS),
        new ServerEndpoint("127.0.0.1", 587, ServerEndpoint.Security.STARTTLS), "ada@example.com",
        cipher.encrypt(credentials.toJson()), AccountStatus.ACTIVE, null, null, null, 0, null, now, now);
    accounts.insert(account);
    return account;
  }

  @Test
  void callersFindingOneExpiredTokenAtOnceShareOneRefresh() throws Exception {
    endpoint.addRefreshToken("rt-ada");
    endpoint.rotateRefreshTokens();
    EmailAccount account = account(new OAuthCredentials("at-old", "rt-ada", clock.instant().plusSeconds(10), null));
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<OAuthCredentials>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(pool.submit(() -> {
          go.await();
          return tokens.current(account);
        }));
      }
      go.countDown();
      List<OAuthCredentials> seen = new ArrayList<>();
      for (Future<OAuthCredentials> result : results) seen.add(result.get());

      assertThat(endpoint.requests()).hasSize(1);
      assertThat(seen).allSatisfy(c -> assertThat(c).isEqualTo(seen.get(0)));
      assertThat(seen.get(0).accessToken()).isNotEqualTo("at-old");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTokenRefusedAfterItsRenewalIsRefreshedAgain() {
    endpoint.addRefreshToken("rt-ada");
    EmailAccount account = account(new OAuthCredentials("at-old", "rt-ada", clock.instant().plusSeconds(3600), null));

    OAuthCredentials first = tokens.refreshAfterRefusal(account, tokens.current(account));
    OAuthCredentials second = tokens.refreshAfterRefusal(account, first);

    assertThat(endpoint.requests()).hasSize(2);
    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
  }
}
