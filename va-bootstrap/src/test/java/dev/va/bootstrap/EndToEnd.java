package dev.va.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.va.adapter.mail.oauth.OAuthCredentials;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.TokenCipher;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.user.UserId;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the mailbox end-to-end tests on the full server share: connecting a mailbox, waiting for its workers, reading
 * what it stored.
 */
final class EndToEnd {
  static final Duration PATIENCE = Duration.ofSeconds(30);

  private EndToEnd() {}

  /** Polls until {@code probe} gives a value: the workers run the jobs in the background. */
  static <T> T await(Supplier<T> probe, String what) {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      T value = probe.get();
      if (value != null) return value;
      if (Instant.now().isAfter(deadline)) throw new AssertionError("gave up waiting for " + what);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  /** Connects the GreenMail mailbox {@code address} over plain IMAP and SMTP; returns the account id. */
  static String connectImap(ApiClient client, Session user, GreenMailExtension greenMail, String address,
      String password) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", address);
    body.put("imap_host", "127.0.0.1");
    body.put("imap_port", greenMail.getImap().getPort());
    body.put("imap_security", "none");
    body.put("smtp_host", "127.0.0.1");
    body.put("smtp_port", greenMail.getSmtp().getPort());
    body.put("smtp_security", "none");
    body.put("password", password);
    return client.post("/api/v1/email/accounts", user.accessToken(), body).ok(201).get("id").asText();
  }

  /** The subjects of the account's messages, as the API lists them. */
  static List<String> subjects(ApiClient client, String accessToken, String accountId) {
    List<String> subjects = new ArrayList<>();
    client.get("/api/v1/email/messages?account_id=" + accountId, accessToken).ok(200).get("items")
        .forEach(item -> subjects.add(item.get("subject").asText()));
    return subjects;
  }

  /** The account's OAuth credentials as stored: encrypted, readable only with the server's key. */
  static OAuthCredentials storedCredentials(FullServer api, UserId user, String accountId) {
    EmailAccount stored = api.port(EmailAccountRepository.class)
        .findById(user, EmailAccountId.parse(accountId, "id")).orElseThrow();
    OAuthCredentials credentials = OAuthCredentials.parse(api.port(TokenCipher.class).decrypt(stored.credentials()));
    assertThat(stored.credentials().token()).doesNotContain(credentials.accessToken())
        .doesNotContain(credentials.refreshToken());
    return credentials;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
