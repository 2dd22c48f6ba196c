package dev.va.bootstrap;

import static dev.va.bootstrap.EndToEnd.await;
import static dev.va.bootstrap.EndToEnd.encode;
import static dev.va.bootstrap.EndToEnd.storedCredentials;
import static dev.va.bootstrap.EndToEnd.subjects;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.va.adapter.mail.gmail.FakeGmailServer;
import dev.va.adapter.mail.oauth.FakeTokenEndpoint;
import dev.va.adapter.mail.oauth.OAuthCredentials;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.TestApplication;
import dev.va.bootstrap.config.ConfigLoader;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Gmail mailbox connected through OAuth on the full server (PostgreSQL, Fernet, its workers and scheduler), with
 * Google played by the fake Gmail server of va-adapter-mail (token endpoint per RFC 6749 and the Gmail API), next to
 * an IMAP mailbox of the same user on GreenMail. Only the browser is played by the test: it reads the consent URL and
 * comes back to the callback with the code Google issued.
 */
class MailOAuthEndToEndTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup[] {
      ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

  private static final String PUBLIC_URL = "https://va.example.test";
  private static final String GOOGLE_AUTH_URL = "https://accounts.example.test/o/oauth2/v2/auth";
  private static final String GMAIL_ADDRESS = "ada.lovelace@gmail.example";
  private static final String IMAP_ADDRESS = "ada@imap.example";
  private static final String IMAP_PASSWORD = "imap-app-password";

  private FakeGmailServer google;
  private FullServer api;
  private ApiClient client;

  @BeforeEach
  void start() throws Exception {
    // Gmail's clock agrees with va's, whose scheduler and first-sync window it answers to
    google = new FakeGmailServer(Clock.fixed(TestApplication.START, ZoneOffset.UTC), GMAIL_ADDRESS);
    api = FullServer.start(Map.of(
        ConfigLoader.VA_PUBLIC_URL, PUBLIC_URL,
        ConfigLoader.GMAIL_CLIENT_ID, FakeTokenEndpoint.CLIENT_ID,
        ConfigLoader.GMAIL_CLIENT_SECRET, FakeTokenEndpoint.CLIENT_SECRET,
        ConfigLoader.GMAIL_API_ROOT_URL, google.rootUrl().toString(),
        ConfigLoader.GOOGLE_AUTH_URL, GOOGLE_AUTH_URL,
        ConfigLoader.GOOGLE_TOKEN_URL, google.tokenUrl().toString()));
    client = new ApiClient(api.url());
    GREEN_MAIL.setUser(IMAP_ADDRESS, IMAP_ADDRESS, IMAP_PASSWORD);
  }

  @AfterEach
  void stop() {
    if (api != null) api.close();
    if (google != null) google.close();
  }

  @Test
  void gmail_connects_through_oauth_syncs_then_waits_for_new_consent_while_imap_keeps_syncing() {
    Session ada = client.signUp("ada");
    google.deliver(gmailMessage(1));
    google.deliver(gmailMessage(2));

    String gmailId = connectGmail(ada);

    JsonNode account = client.get("/api/v1/email/accounts/" + gmailId, ada.accessToken()).ok(200);
    assertThat(account.get("provider").asText()).isEqualTo("GMAIL");
    assertThat(account.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(account.get("email").asText()).isEqualTo(GMAIL_ADDRESS);
    OAuthCredentials credentials = storedCredentials(api, ada.id(), gmailId);
    assertThat(credentials.refreshable()).isTrue();

    assertThat(client.post("/api/v1/email/accounts/" + gmailId + "/sync", ada.accessToken(), null).status())
        .isEqualTo(202);
    awaitSubjects(ada, gmailId, "gmail 1", "gmail 2");

    String imapId = connectImap(ada);
    sendToImap("imap 1");
    client.post("/api/v1/email/accounts/" + imapId + "/sync", ada.accessToken(), null).ok(202);
    awaitSubjects(ada, imapId, "imap 1");

    // Google revokes the grant: the access token stops working and refreshing it answers invalid_grant
    google.tokenEndpoint().revoke(credentials.refreshToken());
    google.expireAccessToken(credentials.accessToken());
    google.deliver(gmailMessage(3));
    client.post("/api/v1/email/accounts/" + gmailId + "/sync", ada.accessToken(), null).ok(202);
    JsonNode waiting = await(() -> {
      JsonNode a = client.get("/api/v1/email/accounts/" + gmailId, ada.accessToken()).ok(200);
      return a.get("status").asText().equals("NEEDS_REAUTH") ? a : null;
    }, "the Gmail account to need new consent");
    assertThat(waiting.get("needs_reauth").asBoolean()).isTrue();
    assertThat(waiting.get("last_error").asText()).contains("invalid_grant");

    sendToImap("imap 2");
    client.post("/api/v1/email/accounts/" + imapId + "/sync", ada.accessToken(), null).ok(202);
    awaitSubjects(ada, imapId, "imap 1", "imap 2");
    assertThat(client.get("/api/v1/email/accounts/" + imapId, ada.accessToken()).ok(200).get("status").asText())
        .isEqualTo("ACTIVE");
    assertThat(subjects(client, ada.accessToken(), gmailId)).containsExactlyInAnyOrder("gmail 1", "gmail 2");

    // consenting again recovers the same account, which syncs on from where it stopped
    assertThat(connectGmail(ada)).isEqualTo(gmailId);
    assertThat(client.get("/api/v1/email/accounts/" + gmailId, ada.accessToken()).ok(200).get("status").asText())
        .isEqualTo("ACTIVE");
    client.post("/api/v1/email/accounts/" + gmailId + "/sync", ada.accessToken(), null).ok(202);
    awaitSubjects(ada, gmailId, "gmail 1", "gmail 2", "gmail 3");
  }

  /** Authorize, consent at Google as {@link #GMAIL_ADDRESS}, come back to the callback without a token. */
  private String connectGmail(Session user) {
    URI consentPage = URI.create(client.get("/api/v1/auth/gmail/authorize?redirect=false", user.accessToken())
        .ok(200).get("authorization_url").asText());
    assertThat(consentPage.toString()).startsWith(GOOGLE_AUTH_URL + "?");
    Map<String, String> query = query(consentPage);
    assertThat(query).containsEntry("client_id", FakeTokenEndpoint.CLIENT_ID)
        .containsEntry("redirect_uri", PUBLIC_URL + "/api/v1/auth/gmail/callback")
        .containsEntry("response_type", "code").containsEntry("code_challenge_method", "S256")
        .containsEntry("access_type", "offline");

    String code = google.tokenEndpoint().consent(query.get("code_challenge"), query.get("redirect_uri"),
        GMAIL_ADDRESS);
    JsonNode connected = client.get("/api/v1/auth/gmail/callback?state=" + encode(query.get("state")) + "&code="
        + encode(code), null).ok(200);

    assertThat(connected.get("status").asText()).isEqualTo("connected");
    return connected.get("account").get("id").asText();
  }

  private String connectImap(Session user) {
    return EndToEnd.connectImap(client, user, GREEN_MAIL, IMAP_ADDRESS, IMAP_PASSWORD);
  }

  private void sendToImap(String subject) {
    GreenMailUtil.sendTextEmail(IMAP_ADDRESS, "sender@example.org", subject, "body of " + subject,
        GREEN_MAIL.getSmtp().getServerSetup());
  }

  private static String gmailMessage(int n) {
    return "From: Sender " + n + " <sender" + n + "@example.org>\nTo: " + GMAIL_ADDRESS + "\nSubject: gmail " + n
        + "\nMessage-ID: <gmail-" + n + "@example.org>\nDate: Sun, 1 Jun 2025 07:00:00 +0000\n\nbody " + n + "\n";
  }

  private void awaitSubjects(Session user, String accountId, String... expected) {
    List<String> found = await(() -> {
      List<String> now = subjects(client, user.accessToken(), accountId);
      return now.size() >= expected.length ? now : null;
    }, "messages " + List.of(expected));
    assertThat(found).containsExactlyInAnyOrder(expected);
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return fields;
  }
}
