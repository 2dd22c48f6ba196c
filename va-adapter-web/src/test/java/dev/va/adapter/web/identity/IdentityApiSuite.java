package dev.va.adapter.web.identity;

import static dev.va.application.fixture.JobBuilder.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Response;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.ApiSuite;
import dev.va.adapter.web.OwnedResources;
import dev.va.application.port.out.FileStorage;
import dev.va.application.port.out.RefreshTokenRepository;
import dev.va.application.port.out.SecureTokens;
import dev.va.application.port.out.UserRepository;
import dev.va.application.privacy.PrivacyService;
import dev.va.domain.job.Job;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The identity API over HTTP: accounts, sessions, profile, throttling, audit log, export and deletion. */
public abstract class IdentityApiSuite extends ApiSuite {
  private static final String PASSWORD = ApiClient.PASSWORD;

  private final AtomicInteger names = new AtomicInteger();

  private String newName() {
    return "user" + names.incrementAndGet();
  }

  private Response register(String email, String username, String password) {
    Map<String, String> body = new HashMap<>();
    if (email != null) body.put("email", email);
    if (username != null) body.put("username", username);
    if (password != null) body.put("password", password);
    return client.post(IdentityRoutes.REGISTER, null, body);
  }

  private Response login(String field, String account, String password) {
    return client.post(IdentityRoutes.LOGIN, null, Map.of(field, account, "password", password));
  }

  private Response refresh(String refreshToken) {
    return client.post(IdentityRoutes.REFRESH, null, Map.of("refresh_token", refreshToken));
  }

  private Response me(String accessToken) {
    return client.get(IdentityRoutes.ME, accessToken);
  }

  private Response patchMe(String accessToken, Map<String, String> body) {
    return client.send("PATCH", IdentityRoutes.ME, accessToken, body);
  }

  private Response deleteMe(String accessToken, Map<String, String> body) {
    return client.send("DELETE", IdentityRoutes.ME, accessToken, body);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** Asserts a 429 telling to retry in {@code seconds}. */
  private static void assertLocked(Response response, String seconds) {
    response.error(429, "too_many_requests");
    assertThat(response.header("Retry-After")).isEqualTo(seconds);
  }

  @Test
  void register_login_refresh_call_and_logout() {
    String name = newName();
    Response registered = register(name.toUpperCase(Locale.ROOT) + "@Example.org", name, PASSWORD);
    JsonNode user = registered.ok(201);
    assertThat(fieldNames(user)).containsExactly("id", "email", "username", "created_at");
    assertThat(UUID.fromString(user.get("id").asText())).isNotNull();
    assertThat(user.get("email").asText()).isEqualTo(name + "@example.org");
    assertThat(user.get("username").asText()).isEqualTo(name);
    assertThat(Instant.parse(user.get("created_at").asText())).isEqualTo(api.now());
    assertThat(registered.text()).doesNotContain("hash").doesNotContain(PASSWORD);

    Response loggedIn = login("username", name, PASSWORD);
    JsonNode tokens = loggedIn.ok(200);
    assertThat(fieldNames(tokens)).containsExactly("access_token", "refresh_token", "token_type", "expires_in");
    assertThat(tokens.get("token_type").asText()).isEqualTo("bearer");
    assertThat(tokens.get("expires_in").asLong()).isEqualTo(api.accessLifetime().toSeconds());
    assertThat(loggedIn.header("Cache-Control")).isEqualTo("no-store");
    String access = tokens.get("access_token").asText();
    assertThat(me(access).ok(200)).isEqualTo(user);

    api.advance(api.accessLifetime());
    me(access).error(401, "unauthorized");
    Response refreshed = refresh(tokens.get("refresh_token").asText());
    JsonNode next = refreshed.ok(200);
    assertThat(refreshed.header("Cache-Control")).isEqualTo("no-store");
    assertThat(next.get("refresh_token").asText()).isNotEqualTo(tokens.get("refresh_token").asText());
    String nextAccess = next.get("access_token").asText();
    assertThat(me(nextAccess).ok(200).get("id")).isEqualTo(user.get("id"));

    Response loggedOut = client.post(IdentityRoutes.LOGOUT, nextAccess,
        Map.of("refresh_token", next.get("refresh_token").asText()));
    assertThat(loggedOut.status()).isEqualTo(204);
    assertThat(loggedOut.body()).isEmpty();
    refresh(next.get("refresh_token").asText()).error(401, "unauthorized");
  }

  @Test
  void login_names_the_account_by_username_email_or_login() {
    Session user = client.signUp(newName());
    login("username", user.username().toUpperCase(Locale.ROOT), PASSWORD).ok(200);
    login("email", user.email(), PASSWORD).ok(200);
    login("login", user.email(), PASSWORD).ok(200);
    login("login", user.username(), PASSWORD).ok(200);
    // a wrong password and an unknown user are refused alike
    String wrongPassword = login("username", user.username(), PASSWORD + "x").error(401, "unauthorized")
        .get("message").asText();
    String unknownUser = login("username", newName(), PASSWORD).error(401, "unauthorized").get("message").asText();
    assertThat(wrongPassword).isEqualTo(unknownUser);
  }

  @Test
  void duplicates_are_409_naming_the_field() {
    String name = newName();
    register(name + "@example.org", name, PASSWORD).ok(201);
    assertThat(register(name.toUpperCase(Locale.ROOT) + "@example.org", newName(), PASSWORD).error(409, "duplicate")
        .get("field").asText()).isEqualTo("email");
    assertThat(register(newName() + "@example.org", name.toUpperCase(Locale.ROOT), PASSWORD).error(409, "duplicate")
        .get("field").asText()).isEqualTo("username");
  }

  @Test
  void weak_passwords_are_400_naming_password() {
    String name = newName();
    for (String weak : List.of("short", "password1234", "")) {
      JsonNode error = register(name + "@example.org", name, weak).error(400, "validation_failed");
      assertThat(error.get("field").asText()).as(weak).isEqualTo("password");
    }
    login("username", name, "short").error(401, "unauthorized");
  }

  @Test
  void missing_or_invalid_fields_are_400_naming_the_field() {
    String name = newName();
    String email = name + "@example.org";
    assertThat(register(null, name, PASSWORD).error(400, "validation_failed").get("field").asText()).isEqualTo("email");
    assertThat(register("not-an-address", name, PASSWORD).error(400, "validation_failed").get("field").asText())
        .isEqualTo("email");
    assertThat(register(email, null, PASSWORD).error(400, "validation_failed").get("field").asText())
        .isEqualTo("username");
    assertThat(register(email, "a b", PASSWORD).error(400, "validation_failed").get("field").asText())
        .isEqualTo("username");
    assertThat(register(email, name, null).error(400, "validation_failed").get("field").asText()).isEqualTo("password");
    assertThat(client.post(IdentityRoutes.REGISTER, null, Map.of("email", email, "username", name,
        "password", PASSWORD, "admin", true)).error(400, "unknown_field").get("field").asText()).isEqualTo("admin");
    assertThat(client.post(IdentityRoutes.LOGIN, null, Map.of("password", PASSWORD))
        .error(400, "validation_failed").get("field").asText()).isEqualTo("login");
    assertThat(client.post(IdentityRoutes.LOGIN, null, Map.of("username", name))
        .error(400, "validation_failed").get("field").asText()).isEqualTo("password");
    assertThat(client.post(IdentityRoutes.REFRESH, null, Map.of()).error(400, "validation_failed")
        .get("field").asText()).isEqualTo("refresh_token");
    client.post(IdentityRoutes.REFRESH, null, "").error(400, "invalid_body");
  }

  @Test
  void repeated_failed_logins_are_429_with_retry_after() {
    Session user = client.signUp(newName());
    for (int i = 0; i < api.freeLoginFailures(); i++) {
      login("username", user.username(), "wrong password " + i).error(401, "unauthorized");
    }
    // locked for 1 s now, even with the right password
    assertLocked(login("username", user.username(), PASSWORD), "1");

    api.advance(Duration.ofMillis(400));
    assertThat(login("username", user.username(), PASSWORD).header("Retry-After")).isEqualTo("1"); // 600 ms, rounded up
    api.advance(Duration.ofMillis(600));
    login("username", user.username(), PASSWORD).ok(200);
  }

  @Test
  void reusing_a_rotated_refresh_token_ends_the_whole_session() {
    Session user = client.signUp(newName());
    String otherDevice = login("username", user.username(), PASSWORD).ok(200).get("refresh_token").asText();
    String first = user.refreshToken();
    String second = refresh(first).ok(200).get("refresh_token").asText();

    refresh(first).error(401, "unauthorized");
    // the replay also ends the session of whoever holds the current token
    refresh(second).error(401, "unauthorized");
    String storedHash = api.port(SecureTokens.class).hash(second);
    assertThat(api.port(RefreshTokenRepository.class).findByHash(storedHash).orElseThrow().revokedAt()).isNotNull();
    // sessions of other logins go on
    refresh(otherDevice).ok(200);
  }

  @Test
  void logout_without_a_body_ends_every_session() {
    Session user = client.signUp(newName());
    String otherDevice = login("email", user.email(), PASSWORD).ok(200).get("refresh_token").asText();

    assertThat(client.post(IdentityRoutes.LOGOUT, user.accessToken(), null).status()).isEqualTo(204);

    refresh(user.refreshToken()).error(401, "unauthorized");
    refresh(otherDevice).error(401, "unauthorized");
  }

  @Test
  void logout_cannot_end_another_users_session() {
    Session alice = client.signUp(newName());
    Session bob = client.signUp(newName());
    assertThat(client.post(IdentityRoutes.LOGOUT, bob.accessToken(), Map.of("refresh_token", alice.refreshToken()))
        .status()).isEqualTo(204);
    refresh(alice.refreshToken()).ok(200);
  }

  @Test
  void profile_changes_email_and_password_given_the_current_password() {
    Session user = client.signUp(newName());
    Session other = client.signUp(newName());
    String token = user.accessToken();
    String newEmail = newName() + "@example.org";

    assertThat(patchMe(token, Map.of("email", newEmail)).error(400, "validation_failed").get("field").asText())
        .isEqualTo("current_password");
    assertThat(patchMe(token, Map.of("email", newEmail, "current_password", "wrong"))
        .error(400, "validation_failed").get("field").asText()).isEqualTo("current_password");
    assertThat(me(token).ok(200).get("email").asText()).isEqualTo(user.email());
    assertThat(patchMe(token, Map.of("email", newEmail, "current_password", PASSWORD)).ok(200).get("email").asText())
        .isEqualTo(newEmail);
    assertThat(me(token).ok(200).get("email").asText()).isEqualTo(newEmail);
    assertThat(patchMe(token, Map.of("email", other.email(), "current_password", PASSWORD))
        .error(409, "duplicate").get("field").asText()).isEqualTo("email");
    assertThat(patchMe(token, Map.of("email", "nope", "current_password", PASSWORD))
        .error(400, "validation_failed").get("field").asText()).isEqualTo("email");

    String newPassword = "quince-Harbour-9-kites";
    assertThat(patchMe(token, Map.of("new_password", newPassword)).error(400, "validation_failed")
        .get("field").asText()).isEqualTo("current_password");
    assertThat(patchMe(token, Map.of("current_password", "wrong", "new_password", newPassword))
        .error(400, "validation_failed").get("field").asText()).isEqualTo("current_password");
    assertThat(patchMe(token, Map.of("current_password", PASSWORD, "new_password", "short"))
        .error(400, "validation_failed").get("field").asText()).isEqualTo("new_password");
    patchMe(token, Map.of("current_password", PASSWORD, "new_password", newPassword)).ok(200);

    login("username", user.username(), PASSWORD).error(401, "unauthorized");
    login("username", user.username(), newPassword).ok(200);
    // a new password ends the sessions started with the old one
    refresh(user.refreshToken()).error(401, "unauthorized");
  }

  @Test
  void guesses_of_the_current_password_are_throttled_with_logins() {
    Session user = client.signUp(newName());
    String newEmail = newName() + "@example.org";
    for (int i = 0; i < api.freeLoginFailures(); i++) {
      patchMe(user.accessToken(), Map.of("email", newEmail, "current_password", "guess " + i))
          .error(400, "validation_failed");
    }

    // a stolen access token gives no more guesses than the login form: the account is locked for both
    assertLocked(patchMe(user.accessToken(), Map.of("email", newEmail, "current_password", PASSWORD)), "1");
    assertLocked(login("username", user.username(), PASSWORD), "1");
    api.advance(Duration.ofSeconds(1));
    assertThat(patchMe(user.accessToken(), Map.of("email", newEmail, "current_password", PASSWORD)).ok(200)
        .get("email").asText()).isEqualTo(newEmail);
  }

  @Test
  void audit_lists_the_callers_events_newest_first_with_request_metadata() {
    Session user = client.signUp(newName());
    Session other = client.signUp(newName());
    Instant changedAt = api.advance(Duration.ofSeconds(10));
    client.send(client.request(IdentityRoutes.ME).header("Authorization", "Bearer " + user.accessToken())
        .header("X-Request-Id", "change-email-1").header("Content-Type", "application/json")
        .method("PATCH", BodyPublishers.ofString("{\"email\":\"" + newName() + "@example.org\",\"current_password\":\""
            + PASSWORD + "\"}"))).ok(200);

    JsonNode page = client.get(IdentityRoutes.AUDIT + "?limit=2", user.accessToken()).ok(200);
    assertThat(fieldNames(page)).containsExactly("items", "next_cursor");
    assertThat(page.get("items")).hasSize(2);
    JsonNode newest = page.get("items").get(0);
    assertThat(fieldNames(newest)).containsExactly("id", "action", "target_type", "target_id", "occurred_at",
        "request_id", "client_address", "details");
    assertThat(UUID.fromString(newest.get("id").asText())).isNotNull();
    assertThat(newest.get("action").asText()).isEqualTo("user.email_changed");
    assertThat(newest.get("target_type").asText()).isEqualTo("user");
    assertThat(newest.get("target_id").asText()).isEqualTo(user.id().toString());
    assertThat(Instant.parse(newest.get("occurred_at").asText())).isEqualTo(changedAt);
    assertThat(newest.get("request_id").asText()).isEqualTo("change-email-1");
    assertThat(newest.get("client_address").asText()).isEqualTo("127.0.0.1");
    assertThat(newest.get("details").isObject()).isTrue();

    List<String> actions = new ArrayList<>();
    page.get("items").forEach(item -> actions.add(item.get("action").asText()));
    JsonNode last = client.get(IdentityRoutes.AUDIT + "?limit=2&cursor=" + page.get("next_cursor").asText(),
        user.accessToken()).ok(200);
    last.get("items").forEach(item -> actions.add(item.get("action").asText()));
    assertThat(last.get("next_cursor").isNull()).isTrue();
    assertThat(actions).containsExactlyInAnyOrder("user.email_changed", "user.login", "user.registered");

    client.get(IdentityRoutes.AUDIT, other.accessToken()).ok(200).get("items")
        .forEach(item -> assertThat(item.get("target_id").asText()).isEqualTo(other.id().toString()));

    for (String query : List.of("?limit=0", "?limit=201", "?limit=many")) {
      assertThat(client.get(IdentityRoutes.AUDIT + query, user.accessToken()).error(400, "validation_failed")
          .get("field").asText()).as(query).isEqualTo("limit");
    }
    assertThat(client.get(IdentityRoutes.AUDIT + "?cursor=bogus", user.accessToken()).error(400, "validation_failed")
        .get("field").asText()).isEqualTo("cursor");
  }

  @Test
  void export_is_a_zip_of_every_kind_of_data_without_secrets() throws Exception {
    Session user = client.signUp(newName());
    Session other = client.signUp(newName());
    OwnedResources owned = OwnedResources.create(api, user.id());
    OwnedResources theirs = OwnedResources.create(api, other.id());

    Response export = client.get(IdentityRoutes.EXPORT, user.accessToken());

    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Type")).isEqualTo("application/zip");
    assertThat(export.header("Content-Disposition")).isEqualTo("attachment; filename=\"va-export-"
        + LocalDate.ofInstant(api.now(), ZoneOffset.UTC) + ".zip\"");
    Map<String, String> entries = export.zipEntries();
    assertThat(entries.keySet()).containsExactly("user.json", "accounts.json", "messages.json", "rules.json",
        "tasks.json", "jobs.json", "analyses.json", "audit.json", "categories.json");

    JsonNode exported = ApiClient.JSON.readTree(entries.get("user.json"));
    assertThat(exported.get("id").asText()).isEqualTo(user.id().toString());
    assertThat(exported.get("email").asText()).isEqualTo(user.email());
    assertThat(exported.get("username").asText()).isEqualTo(user.username());
    assertThat(exported.has("password_hash")).isFalse();

    JsonNode accounts = ApiClient.JSON.readTree(entries.get("accounts.json"));
    assertThat(accounts).hasSize(1);
    assertThat(accounts.get(0).get("id").asText()).isEqualTo(owned.account().id().toString());
    assertThat(accounts.get(0).get("user_id").asText()).isEqualTo(user.id().toString());
    assertThat(accounts.get(0).get("address").asText()).isEqualTo(owned.account().address().value());
    assertThat(accounts.get(0).get("imap").get("host").asText()).isEqualTo("imap.example.org");
    assertThat(accounts.get(0).has("credentials")).isFalse();

    assertOnlyId(entries.get("messages.json"), owned.message().id().toString());
    assertOnlyId(entries.get("rules.json"), owned.rule().id().toString());
    assertOnlyId(entries.get("tasks.json"), owned.task().id().toString());
    assertOnlyId(entries.get("jobs.json"), owned.job().id().toString());
    assertOnlyId(entries.get("analyses.json"), owned.analysis().id().toString());
    JsonNode categories = ApiClient.JSON.readTree(entries.get("categories.json"));
    assertThat(categories).hasSize(1);
    assertThat(categories.get(0).get("name").asText()).isEqualTo(owned.category().name().name());
    assertThat(categories.get(0).get("description").asText()).isEqualTo(owned.category().description());
    JsonNode task = ApiClient.JSON.readTree(entries.get("tasks.json")).get(0);
    assertThat(task.get("schedule").get("expression").asText()).isEqualTo("0 8 * * MON-FRI");
    assertThat(task.get("zone").asText()).isEqualTo("Europe/Paris");

    List<String> actions = new ArrayList<>();
    ApiClient.JSON.readTree(entries.get("audit.json")).forEach(event -> actions.add(event.get("action").asText()));
    assertThat(actions).contains("user.exported", "user.login", "user.registered", "rule.created");

    String everything = String.join("\n", entries.values());
    String passwordHash = api.port(UserRepository.class).findById(user.id()).orElseThrow().passwordHash();
    assertThat(everything).doesNotContain(passwordHash).doesNotContain(PASSWORD)
        .doesNotContain(owned.account().credentials().token()).doesNotContain(owned.accountPassword());
    theirs.ids().forEach(id -> assertThat(everything).doesNotContain(id));
  }

  private static void assertOnlyId(String document, String id) throws Exception {
    JsonNode items = ApiClient.JSON.readTree(document);
    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("id").asText()).isEqualTo(id);
  }

  @Test
  void the_served_document_defines_the_bearer_scheme() {
    JsonNode scheme = client.get("/openapi.json", null).ok(200).at("/components/securitySchemes/BearerAuth");
    assertThat(scheme.get("type").asText()).isEqualTo("http");
    assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
  }

  @Test
  void deleting_the_account_needs_the_password_and_then_leaves_nothing() throws Exception {
    Session user = client.signUp(newName());
    Session other = client.signUp(newName());
    OwnedResources.create(api, user.id());
    OwnedResources.create(api, other.id());
    Job queued = aJob(user.id()).fresh().build();
    api.enqueue(queued);
    String upload = PrivacyService.filePrefix(user.id()) + "uploads/sales.csv";
    api.port(FileStorage.class).put(upload, new ByteArrayInputStream(new byte[] {1, 2, 3}), 100);
    // the check below finds what there is to find
    assertThat(api.tracesOf(user.id())).isNotEmpty();

    assertThat(deleteMe(user.accessToken(), Map.of()).error(400, "validation_failed").get("field").asText())
        .isEqualTo("password");
    assertThat(deleteMe(user.accessToken(), Map.of("password", "wrong")).error(400, "validation_failed")
        .get("field").asText()).isEqualTo("password");
    me(user.accessToken()).ok(200);
    assertThat(api.cancelled(queued.id())).isFalse();

    Response deleted = deleteMe(user.accessToken(), Map.of("password", PASSWORD));
    assertThat(deleted.status()).isEqualTo(204);

    login("username", user.username(), PASSWORD).error(401, "unauthorized");
    me(user.accessToken()).error(401, "unauthorized");
    refresh(user.refreshToken()).error(401, "unauthorized");
    assertThat(api.tracesOf(user.id())).isEmpty();
    assertThat(api.tracesOf(other.id())).isNotEmpty();
    assertThat(api.cancelled(queued.id())).isTrue();
    assertThat(api.port(FileStorage.class).open(upload)).isEmpty();
    // the name and address are free again
    register(user.email(), user.username(), PASSWORD).ok(201);
  }

  @Test
  void guesses_of_the_password_to_delete_the_account_are_throttled_with_logins() {
    Session user = client.signUp(newName());
    for (int i = 1; i < api.freeLoginFailures(); i++) {
      deleteMe(user.accessToken(), Map.of("password", "guess " + i)).error(400, "validation_failed");
    }
    login("username", user.username(), "guess 0").error(401, "unauthorized");

    // the failed login was the last free failure of the account, whichever way the others came
    assertLocked(deleteMe(user.accessToken(), Map.of("password", PASSWORD)), "1");
    me(user.accessToken()).ok(200);
    api.advance(Duration.ofSeconds(1));
    assertThat(deleteMe(user.accessToken(), Map.of("password", PASSWORD)).status()).isEqualTo(204);
  }
}
