package dev.va.adapter.web.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Response;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.TestApplication;
import dev.va.adapter.web.WebServer;
import dev.va.application.port.out.MailAuthorizationContract;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.MailProviderType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Connecting Gmail and Outlook mailboxes over HTTP, with the OAuth provider in memory: the tests play the user on the
 * consent page and the browser coming back to the public callback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailOAuthApiTest {
  private static final String GMAIL = "/api/v1/auth/gmail";
  private static final String MICROSOFT = "/api/v1/auth/microsoft";

  private final TestApplication application = new TestApplication();
  private final AtomicInteger names = new AtomicInteger();
  private WebServer server;
  private ApiClient client;

  @BeforeAll
  void start() {
    server = application.startServer();
    client = new ApiClient(server.url());
  }

  @AfterAll
  void stop() {
    server.stop();
  }

  private Session user() {
    return client.signUp("oauthuser" + names.incrementAndGet());
  }

  private URI authorizationUrl(String base, Session user) {
    return URI.create(client.get(base + "/authorize?redirect=false", user.accessToken()).ok(200)
        .get("authorization_url").asText());
  }

  private static String state(URI url) {
    return MailAuthorizationContract.query(url).get("state");
  }

  private Response callback(String base, String state, String code, String accessToken) {
    return client.get(base + "/callback?state=" + encode(state) + "&code=" + encode(code), accessToken);
  }

  /** The user consents as {@code email}; the browser comes back to the callback without a token. */
  private Response consentAndReturn(String base, URI url, String email) {
    return callback(base, state(url), application.mailAuthorization().consent(url, email), null);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void authorize_redirects_to_the_consent_page_with_a_state_and_a_pkce_challenge() {
    Session ada = user();

    Response answer = client.get(GMAIL + "/authorize", ada.accessToken());

    assertThat(answer.status()).isEqualTo(302);
    URI location = URI.create(answer.header("Location"));
    assertThat(location.getHost()).isEqualTo("auth.example.com");
    assertThat(MailAuthorizationContract.query(location))
        .containsKeys("state", "code_challenge").containsEntry("code_challenge_method", "S256");
    assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void authorize_tells_the_url_without_redirecting_when_asked_and_needs_a_token() {
    Session ada = user();

    JsonNode answer = client.get(GMAIL + "/authorize?redirect=false", ada.accessToken()).ok(200);

    assertThat(answer.get("authorization_url").asText()).startsWith("https://auth.example.com/gmail?");
    client.get(GMAIL + "/authorize", null).error(401, "unauthorized");
    client.get(GMAIL + "/authorize?redirect=maybe", ada.accessToken()).error(400, "validation_failed");
  }

  @Test
  void the_public_callback_connects_the_gmail_mailbox_of_the_user_who_started() {
    Session ada = user();
    URI url = authorizationUrl(GMAIL, ada);

    JsonNode connected = consentAndReturn(GMAIL, url, "ada.oauth@gmail.example").ok(200);

    assertThat(connected.get("status").asText()).isEqualTo("connected");
    JsonNode account = connected.get("account");
    assertThat(account.get("provider").asText()).isEqualTo("GMAIL");
    assertThat(account.get("email").asText()).isEqualTo("ada.oauth@gmail.example");
    assertThat(account.get("status").asText()).isEqualTo("ACTIVE");
    JsonNode listed = client.get("/api/v1/email/accounts", ada.accessToken()).ok(200).get("items");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("id").asText()).isEqualTo(account.get("id").asText());
    assertThat(listed.toString()).doesNotContain("fake-credentials");
    EmailAccount stored = application.repositories().accounts().findById(ada.id(),
        EmailAccountId.parse(account.get("id").asText(), "id")).orElseThrow();
    assertThat(stored.credentials().token()).startsWith("fake-credentials-");
  }

  @Test
  void a_browser_is_answered_with_a_page() {
    Session ada = user();
    URI url = authorizationUrl(GMAIL, ada);
    String code = application.mailAuthorization().consent(url, "ada.page@gmail.example");

    Response page = client.send(client.request(GMAIL + "/callback?state=" + encode(state(url)) + "&code="
        + encode(code)).header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8").GET());

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.text()).contains("Mailbox connected", "ada.page@gmail.example").doesNotContain("<script");
  }

  @Test
  void an_outlook_mailbox_is_read_from_exchange_online() {
    Session ada = user();

    JsonNode account = consentAndReturn(MICROSOFT, authorizationUrl(MICROSOFT, ada), "ada@contoso.example")
        .ok(200).get("account");

    assertThat(account.get("provider").asText()).isEqualTo("OUTLOOK");
    assertThat(account.get("imap").get("host").asText()).isEqualTo("outlook.office365.com");
    assertThat(account.get("imap").get("port").asInt()).isEqualTo(993);
    assertThat(account.get("smtp").get("host").asText()).isEqualTo("smtp.office365.com");
    assertThat(account.get("smtp").get("security").asText()).isEqualTo("STARTTLS");
  }

  @Test
  void a_state_is_good_once() {
    Session ada = user();
    URI url = authorizationUrl(GMAIL, ada);
    consentAndReturn(GMAIL, url, "ada.once@gmail.example").ok(200);

    JsonNode error = consentAndReturn(GMAIL, url, "ada.once@gmail.example").error(400, "validation_failed");

    assertThat(error.get("field").asText()).isEqualTo("state");
    assertThat(error.get("message").asText()).contains("used before");
  }

  @Test
  void an_expired_state_is_refused() {
    Session ada = user();
    URI url = authorizationUrl(GMAIL, ada);
    application.advance(Duration.ofMinutes(11));

    JsonNode error = consentAndReturn(GMAIL, url, "ada.late@gmail.example").error(400, "validation_failed");

    assertThat(error.get("field").asText()).isEqualTo("state");
    assertThat(error.get("message").asText()).contains("expired");
  }

  @Test
  void a_tampered_state_is_refused() {
    Session ada = user();
    URI url = authorizationUrl(GMAIL, ada);
    String code = application.mailAuthorization().consent(url, "ada.forged@gmail.example");
    String state = state(url);
    String tampered = state.substring(0, state.length() - 3) + (state.endsWith("AAA") ? "BBB" : "AAA");

    JsonNode error = callback(GMAIL, tampered, code, null).error(400, "validation_failed");

    assertThat(error.get("field").asText()).isEqualTo("state");
    assertThat(client.get("/api/v1/email/accounts", ada.accessToken()).ok(200).get("items")).isEmpty();
  }

  @Test
  void another_signed_in_user_cannot_complete_someone_elses_flow() {
    Session ada = user();
    Session mallory = user();
    URI url = authorizationUrl(GMAIL, ada);
    String code = application.mailAuthorization().consent(url, "mallory@gmail.example");

    JsonNode error = callback(GMAIL, state(url), code, mallory.accessToken()).error(400, "validation_failed");

    assertThat(error.get("field").asText()).isEqualTo("state");
    assertThat(error.get("message").asText()).contains("another user");
    assertThat(client.get("/api/v1/email/accounts", ada.accessToken()).ok(200).get("items")).isEmpty();
    assertThat(client.get("/api/v1/email/accounts", mallory.accessToken()).ok(200).get("items")).isEmpty();
  }

  @Test
  void the_starting_users_own_token_on_the_callback_is_welcome() {
    Session ada = user();
    URI url = authorizationUrl(GMAIL, ada);
    String code = application.mailAuthorization().consent(url, "ada.token@gmail.example");

    callback(GMAIL, state(url), code, ada.accessToken()).ok(200);
  }

  @Test
  void a_state_of_the_other_provider_is_refused() {
    Session ada = user();
    URI url = authorizationUrl(MICROSOFT, ada);

    JsonNode error = consentAndReturn(GMAIL, url, "ada@contoso.example").error(400, "validation_failed");

    assertThat(error.get("field").asText()).isEqualTo("state");
  }

  @Test
  void a_code_the_provider_refuses_is_reported_on_the_code_field() {
    Session ada = user();
    URI url = authorizationUrl(GMAIL, ada);

    JsonNode error = callback(GMAIL, state(url), "made-up-code", null).error(400, "validation_failed");

    assertThat(error.get("field").asText()).isEqualTo("code");
    assertThat(client.get("/api/v1/email/accounts", ada.accessToken()).ok(200).get("items")).isEmpty();
  }

  @Test
  void a_token_endpoint_that_fails_is_a_bad_gateway() {
    Session ada = user();
    URI url = authorizationUrl(GMAIL, ada);
    String code = application.mailAuthorization().consent(url, "ada.down@gmail.example");
    application.mailAuthorization().setUnreachable(true);
    try {
      callback(GMAIL, state(url), code, null).error(502, "provider_unavailable");
    } finally {
      application.mailAuthorization().setUnreachable(false);
    }
    assertThat(client.get("/api/v1/email/accounts", ada.accessToken()).ok(200).get("items")).isEmpty();
  }

  @Test
  void a_user_who_declines_on_the_consent_page_comes_back_with_an_error() {
    Session ada = user();
    URI url = authorizationUrl(GMAIL, ada);

    JsonNode error = client.get(GMAIL + "/callback?error=access_denied&state=" + encode(state(url)), null)
        .error(400, "validation_failed");

    assertThat(error.get("field").asText()).isEqualTo("error");
    assertThat(error.get("message").asText()).contains("access_denied");
    client.get(GMAIL + "/callback?error=%3Cscript%3E", null).error(400, "validation_failed");
  }

  @Test
  void a_callback_without_state_or_code_is_refused() {
    client.get(GMAIL + "/callback", null).error(400, "validation_failed");
    assertThat(client.get(GMAIL + "/callback?state=v1.a.b", null).error(400, "validation_failed")
        .get("field").asText()).isEqualTo("code");
  }

  @Test
  void connecting_again_recovers_an_account_that_needs_new_credentials() {
    Session ada = user();
    String id = consentAndReturn(GMAIL, authorizationUrl(GMAIL, ada), "ada.again@gmail.example").ok(200)
        .get("account").get("id").asText();
    EmailAccount stored = application.repositories().accounts()
        .findById(ada.id(), EmailAccountId.parse(id, "id")).orElseThrow();
    application.repositories().accounts().update(stored.credentialsRefused("invalid_grant", application.clock()
        .instant()));
    assertThat(client.get("/api/v1/email/accounts/" + id, ada.accessToken()).ok(200).get("status").asText())
        .isEqualTo("NEEDS_REAUTH");

    JsonNode again = consentAndReturn(GMAIL, authorizationUrl(GMAIL, ada), "ada.again@gmail.example").ok(200);

    assertThat(again.get("account").get("id").asText()).isEqualTo(id);
    JsonNode account = client.get("/api/v1/email/accounts/" + id, ada.accessToken()).ok(200);
    assertThat(account.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(account.get("needs_reauth").asBoolean()).isFalse();
  }

  @Test
  void a_provider_without_an_oauth_client_is_not_offered() {
    TestApplication gmailOnly = new TestApplication(Set.of(MailProviderType.GMAIL));
    WebServer other = gmailOnly.startServer();
    try {
      ApiClient api = new ApiClient(other.url());
      Session ada = api.signUp("ada");

      JsonNode error = api.get(MICROSOFT + "/authorize", ada.accessToken()).error(404, "provider_not_configured");

      assertThat(error.get("message").asText()).contains("OUTLOOK");
      api.get(MICROSOFT + "/callback?state=v1.a.b&code=c", null).error(404, "provider_not_configured");
      assertThat(api.get(GMAIL + "/authorize", ada.accessToken()).status()).isEqualTo(302);
    } finally {
      other.stop();
    }
  }
}
