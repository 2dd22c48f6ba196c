package dev.va.bootstrap;

import static dev.va.bootstrap.EndToEnd.await;
import static dev.va.bootstrap.EndToEnd.encode;
import static dev.va.bootstrap.EndToEnd.storedCredentials;
import static dev.va.bootstrap.EndToEnd.subjects;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.va.adapter.mail.oauth.OAuthCredentials;
import dev.va.adapter.persistence.PostgresNonceStore;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.mail.MailOAuthRoutes;
import dev.va.adapter.web.replies.RepliesRoutes;
import dev.va.application.oauth.OAuthStateService;
import dev.va.application.port.out.MailAuthorizationContract;
import dev.va.application.port.out.NonceStore;
import dev.va.bootstrap.config.ConfigLoader;
import dev.va.domain.user.UserId;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Outlook mailboxes connected through the Microsoft identity platform on the full server (PostgreSQL, Fernet, its
 * workers and scheduler). Microsoft is played by {@link FakeMicrosoftIdentityPlatform}, Exchange Online by GreenMail,
 * which takes IMAP {@code AUTHENTICATE XOAUTH2} and SMTP {@code AUTH XOAUTH2} and checks the bearer token as the
 * user's password: it accepts exactly the access token Microsoft issued last for the address. va reaches GreenMail
 * because its Outlook servers are configured ({@code MICROSOFT_IMAP_SERVER}, {@code MICROSOFT_SMTP_SERVER}), the one
 * difference from Exchange Online besides plain connections to the loopback address. Only the browser is played by
 * the test: it reads the consent URL and comes back to the callback with the code Microsoft issued.
 */
class MicrosoftOAuthEndToEndTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup[] {
      ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

  private static final String PUBLIC_URL = "https://va.example.test";
  private static final String ADA = "ada@contoso.example";
  private static final String OPS = "ops@contoso.example";
  private static final String ANN = "ann@clients.example";
  private static final String SCOPES = "https://outlook.office365.com/IMAP.AccessAsUser.All "
      + "https://outlook.office365.com/SMTP.Send offline_access openid email";

  private final Map<String, GreenMailUser> mailboxes = new HashMap<>();
  private FakeMicrosoftIdentityPlatform microsoft;
  private FullServer api;
  private ApiClient client;

  @BeforeEach
  void start() throws Exception {
    for (String address : List.of(ADA, OPS)) {
      mailboxes.put(address, GREEN_MAIL.setUser(address, address, "no token issued yet"));
    }
    // Exchange accepts whatever access token Microsoft issued last for the mailbox
    microsoft = new FakeMicrosoftIdentityPlatform(Clock.systemUTC(),
        URI.create(PUBLIC_URL + MailOAuthRoutes.MICROSOFT_CALLBACK),
        (address, accessToken) -> mailboxes.get(address).setPassword(accessToken));
    api = FullServer.start(Map.of(
        ConfigLoader.VA_PUBLIC_URL, PUBLIC_URL,
        ConfigLoader.MICROSOFT_CLIENT_ID, FakeMicrosoftIdentityPlatform.CLIENT_ID,
        ConfigLoader.MICROSOFT_CLIENT_SECRET, FakeMicrosoftIdentityPlatform.CLIENT_SECRET,
        ConfigLoader.MICROSOFT_TENANT, FakeMicrosoftIdentityPlatform.TENANT,
        ConfigLoader.MICROSOFT_AUTH_URL, microsoft.authorizeUrl().toString(),
        ConfigLoader.MICROSOFT_TOKEN_URL, microsoft.tokenUrl().toString(),
        ConfigLoader.MICROSOFT_IMAP_SERVER, "127.0.0.1:" + GREEN_MAIL.getImap().getPort() + "/none",
        ConfigLoader.MICROSOFT_SMTP_SERVER, "127.0.0.1:" + GREEN_MAIL.getSmtp().getPort() + "/none"));
    client = new ApiClient(api.url());
  }

  @AfterEach
  void stop() {
    if (api != null) api.close();
    if (microsoft != null) microsoft.close();
  }

  @Test
  void a_state_connects_the_mailbox_once_and_is_refused_when_replayed_even_after_a_restart() {
    Session ada = client.signUp("ada");
    ApiClient.Response authorize = client.get(MailOAuthRoutes.MICROSOFT_AUTHORIZE + "?redirect=false",
        ada.accessToken());
    URI consentPage = URI.create(authorize.ok(200).get("authorization_url").asText());
    assertThat(authorize.header("Cache-Control")).isEqualTo("no-store");

    assertThat(consentPage.toString()).startsWith(microsoft.authorizeUrl() + "?");
    Map<String, String> query = MailAuthorizationContract.query(consentPage);
    assertThat(query).containsEntry("client_id", FakeMicrosoftIdentityPlatform.CLIENT_ID)
        .containsEntry("redirect_uri", PUBLIC_URL + MailOAuthRoutes.MICROSOFT_CALLBACK)
        .containsEntry("response_type", "code").containsEntry("scope", SCOPES)
        .containsEntry("code_challenge_method", "S256");
    assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
    String state = query.get("state");
    String[] parts = state.split("\\.");
    assertThat(parts).hasSize(3);
    assertThat(parts[0]).isEqualTo("v1");
    String[] payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).split("\\|");
    assertThat(payload[0]).isEqualTo(ada.id().toString());
    assertThat(payload[1]).isEqualTo("OUTLOOK");
    assertThat(Instant.ofEpochSecond(Long.parseLong(payload[3])))
        .isEqualTo(api.now().plus(OAuthStateService.DEFAULT_TTL));
    // the signature covers the payload: another user's id in it makes a forged state
    String forged = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString((UserId.random() + "|OUTLOOK|"
        + payload[2] + "|" + payload[3]).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertRefused(callback(forged, "any-code"), "forged state");

    String code = microsoft.consent(consentPage, ADA);
    JsonNode account = callback(state, code).ok(200).get("account");

    assertThat(account.get("provider").asText()).isEqualTo("OUTLOOK");
    assertThat(account.get("email").asText()).isEqualTo(ADA);
    assertThat(account.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(account.get("imap").get("port").asInt()).isEqualTo(GREEN_MAIL.getImap().getPort());
    assertThat(account.get("smtp").get("port").asInt()).isEqualTo(GREEN_MAIL.getSmtp().getPort());
    assertThat(microsoft.tokenRequests()).singleElement().satisfies(exchange -> assertThat(exchange)
        .containsEntry("grant_type", "authorization_code").containsEntry("code", code)
        .containsEntry("redirect_uri", PUBLIC_URL + MailOAuthRoutes.MICROSOFT_CALLBACK)
        .containsEntry("client_secret", FakeMicrosoftIdentityPlatform.CLIENT_SECRET)
        .containsKey("code_verifier"));

    // the browser's back button, or whoever read the URL, comes back with the same state
    assertRefused(callback(state, code), "state used before");
    assertThat(api.port(NonceStore.class)).isInstanceOf(PostgresNonceStore.class);

    api.restart();
    client = new ApiClient(api.url());

    assertRefused(callback(state, code), "state used before");
    assertThat(microsoft.tokenRequests()).hasSize(1);
    // the restarted server still connects with a fresh state: the same address, so the same account
    assertThat(connect(ada, ADA)).isEqualTo(account.get("id").asText());
  }

  @Test
  void a_mailbox_syncs_flags_and_replies_over_xoauth2_refreshes_its_token_and_alone_waits_for_consent_when_revoked()
      throws Exception {
    Session ada = client.signUp("ada");
    String template = client.post(RepliesRoutes.TEMPLATES, ada.accessToken(),
        Map.of("name", "Away", "body", "Hello {{sender_name}},\nI am away until Monday.")).ok(201).get("id").asText();
    client.post(RepliesRoutes.TEMPLATES + "/" + template + "/approve", ada.accessToken(), null).ok(200);
    JsonNode rule = ApiClient.JSON.readTree("{\"when\": {\"field\": \"from\", \"op\": \"ends_with\", \"value\": "
        + "\"@clients.example\"}, \"then\": [{\"action\": \"flag\"}, {\"action\": \"auto_reply\", \"template\": \""
        + template + "\"}]}");
    client.post(RepliesRoutes.RULES, ada.accessToken(), Map.of("name", "Clients", "priority", 1, "document", rule))
        .ok(201);
    String adaId = connect(ada, ADA);
    String opsId = connect(ada, OPS);
    awaitIdle(ada.accessToken());

    // a client writes: va reads it over IMAP, flags it there and answers over SMTP, both with XOAUTH2
    sendTo(ADA, ANN, "Meeting next week", "Could we meet on Tuesday afternoon to go through the plan?");
    client.post("/api/v1/email/accounts/" + adaId + "/sync", ada.accessToken(), null).ok(202);
    String messageId = awaitMessage(ada.accessToken(), adaId, "Meeting next week");
    MimeMessage reply = await(() -> repliesTo(ANN).stream().findFirst().orElse(null), "the auto-reply to " + ANN);
    assertThat(reply.getSubject()).isEqualTo("Re: Meeting next week");
    assertThat(reply.getFrom()[0].toString()).contains(ADA);
    assertThat(reply.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
    await(() -> inbox(ADA).stream().anyMatch(m -> m.isSet(Flags.Flag.FLAGGED)) ? true : null,
        "the message flagged at the server");
    // the send is recorded on the message once the outbox has it as sent
    JsonNode triage = await(() -> {
      JsonNode t = client.get("/api/v1/email/messages/" + messageId, ada.accessToken()).ok(200).get("triage");
      return t.get("auto_reply_sent").asBoolean() ? t : null;
    }, "the auto-reply recorded on the message");
    assertThat(triage.get("processed").asBoolean()).isTrue();
    assertThat(triage.get("flagged").asBoolean()).isTrue();
    awaitIdle(ada.accessToken());

    // an hour later the access tokens have expired and Exchange refuses them; the scheduler syncs each mailbox
    // once, and va first refreshes its token at Microsoft
    OAuthCredentials before = storedCredentials(api, ada.id(), adaId);
    OAuthCredentials opsExpired = storedCredentials(api, ada.id(), opsId);
    sendTo(ADA, ANN, "After the hour", "One more thing about Tuesday.");
    for (GreenMailUser mailbox : mailboxes.values()) mailbox.setPassword("an expired token");
    api.advance(Duration.ofHours(1));
    String token = login(ada);
    awaitMessage(token, adaId, "After the hour");
    await(() -> storedCredentials(api, ada.id(), opsId).equals(opsExpired) ? null : true,
        "the other mailbox's token refreshed");
    awaitIdle(token);

    OAuthCredentials refreshed = storedCredentials(api, ada.id(), adaId);
    assertThat(refreshed.accessToken()).isNotEqualTo(before.accessToken());
    assertThat(refreshed.refreshToken()).isNotEqualTo(before.refreshToken());
    assertThat(refreshed.expiresAt())
        .isEqualTo(api.now().plusSeconds(FakeMicrosoftIdentityPlatform.LIFETIME_SECONDS));
    assertThat(microsoft.tokenRequests()).filteredOn(r -> before.refreshToken().equals(r.get("refresh_token")))
        .singleElement().satisfies(r -> assertThat(r).containsEntry("grant_type", "refresh_token")
            .containsEntry("scope", SCOPES).containsEntry("client_id", FakeMicrosoftIdentityPlatform.CLIENT_ID)
            .containsEntry("client_secret", FakeMicrosoftIdentityPlatform.CLIENT_SECRET));
    assertThat(status(token, adaId)).isEqualTo("ACTIVE");
    assertThat(status(token, opsId)).isEqualTo("ACTIVE");

    // an administrator revokes Ada's sessions: Exchange refuses her token, Microsoft her refresh token
    OAuthCredentials opsBefore = storedCredentials(api, ada.id(), opsId);
    microsoft.revoke(ADA);
    mailboxes.get(ADA).setPassword("a revoked token");
    client.post("/api/v1/email/accounts/" + adaId + "/sync", token, null).ok(202);
    JsonNode waiting = await(() -> {
      JsonNode a = client.get("/api/v1/email/accounts/" + adaId, token).ok(200);
      return a.get("status").asText().equals("NEEDS_REAUTH") ? a : null;
    }, "Ada's mailbox to need new consent");
    assertThat(waiting.get("needs_reauth").asBoolean()).isTrue();
    assertThat(waiting.get("last_error").asText()).contains("invalid_grant");

    // the other mailbox of the same user goes on as before, on the credentials it had
    sendTo(OPS, ANN, "Ops report", "The weekly figures are attached below.");
    client.post("/api/v1/email/accounts/" + opsId + "/sync", token, null).ok(202);
    awaitMessage(token, opsId, "Ops report");
    assertThat(status(token, opsId)).isEqualTo("ACTIVE");
    assertThat(storedCredentials(api, ada.id(), opsId)).isEqualTo(opsBefore);
    assertThat(subjects(client, token, adaId)).containsExactlyInAnyOrder("Meeting next week", "After the hour");
  }

  /** Authorize, consent at Microsoft as {@code address}, come back to the callback without a token. */
  private String connect(Session user, String address) {
    URI consentPage = URI.create(client.get(MailOAuthRoutes.MICROSOFT_AUTHORIZE + "?redirect=false",
        user.accessToken()).ok(200).get("authorization_url").asText());
    Map<String, String> query = MailAuthorizationContract.query(consentPage);
    JsonNode connected = callback(query.get("state"), microsoft.consent(consentPage, address)).ok(200);
    assertThat(connected.get("status").asText()).isEqualTo("connected");
    assertThat(connected.get("account").get("email").asText()).isEqualTo(address);
    return connected.get("account").get("id").asText();
  }

  private ApiClient.Response callback(String state, String code) {
    return client.get(MailOAuthRoutes.MICROSOFT_CALLBACK + "?state=" + encode(state) + "&code=" + encode(code),
        null);
  }

  private static void assertRefused(ApiClient.Response response, String why) {
    JsonNode error = response.error(400, "validation_failed");
    assertThat(error.get("field").asText()).isEqualTo("state");
    assertThat(error.get("message").asText()).contains(why);
  }

  /** A new access token for the user, whose first one expired with the hour. */
  private String login(Session user) {
    return client.post("/api/v1/auth/login", null, Map.of("username", user.username(), "password", user.password()))
        .ok(200).get("access_token").asText();
  }

  private String status(String token, String accountId) {
    return client.get("/api/v1/email/accounts/" + accountId, token).ok(200).get("status").asText();
  }

  /** Through GreenMail's SMTP server, which records the envelope sender as Return-Path. */
  private static void sendTo(String to, String from, String subject, String body) {
    GreenMailUtil.sendTextEmail(to, from, subject, body, GREEN_MAIL.getSmtp().getServerSetup());
  }

  private List<StoredMessage> inbox(String address) {
    try {
      return GREEN_MAIL.getManagers().getImapHostManager().getInbox(mailboxes.get(address)).getMessages();
    } catch (FolderException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<MimeMessage> repliesTo(String address) {
    List<MimeMessage> replies = new ArrayList<>();
    for (MimeMessage received : GREEN_MAIL.getReceivedMessages()) {
      try {
        if (Arrays.stream(received.getAllRecipients()).anyMatch(a -> a.toString().contains(address))) {
          replies.add(received);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return replies;
  }

  /**
   * Waits until none of the user's jobs is queued, running or waiting for a retry, so the next step's tokens meet no
   * job still using the previous ones. (Exchange accepts every unexpired token it issued; GreenMail only the last.)
   */
  private void awaitIdle(String token) {
    Set<String> busy = Set.of("queued", "running", "failed");
    List<String> pending = new ArrayList<>();
    try {
      await(() -> {
        pending.clear();
        client.get("/api/v1/jobs?limit=200", token).ok(200).get("items").forEach(job -> {
          if (busy.contains(job.get("status").asText().toLowerCase(Locale.ROOT))) {
            pending.add(job.get("type").asText() + " " + job.get("status").asText() + " " + job.get("last_error"));
          }
        });
        return pending.isEmpty() ? true : null;
      }, "the jobs to finish");
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + ": " + pending, e);
    }
  }

  /** The id of the account's message with this subject, once synced. */
  private String awaitMessage(String token, String accountId, String subject) {
    return await(() -> {
      Map<String, String> bySubject = new LinkedHashMap<>();
      client.get("/api/v1/email/messages?account_id=" + accountId, token).ok(200).get("items")
          .forEach(item -> bySubject.put(item.get("subject").asText(), item.get("id").asText()));
      return bySubject.get(subject);
    }, "message " + subject);
  }
}
