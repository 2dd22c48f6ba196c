package dev.va.adapter.web.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.multibindings.Multibinder;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Response;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.ApiRoutes;
import dev.va.adapter.web.TestApplication;
import dev.va.adapter.web.WebServer;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One server for the class; every test signs up users of its own and only moves the clock forward. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BearerAuthenticationTest {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final String CHALLENGE = "Bearer realm=\"va\"";
  private static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"va\", error=\"invalid_token\"";

  private final TestApplication application = new TestApplication();
  private WebServer server;
  private ApiClient client;
  private final AtomicInteger names = new AtomicInteger();
  private Session alice;
  private Session bob;

  @BeforeAll
  void start() {
    // a route outside /api/v1 that still asks for the user: Auth.user must refuse, not return null
    server = application.injector(binder -> Multibinder.newSetBinder(binder, ApiRoutes.class).addBinding()
        .toInstance(app -> app.get("/test/whoami", ctx -> ctx.result(Auth.user(ctx).toString()))))
        .getInstance(WebServer.class);
    server.start();
    client = new ApiClient(server.url());
  }

  @BeforeEach
  void signUp() {
    alice = client.signUp("alice" + names.incrementAndGet());
    bob = client.signUp("bob" + names.get());
  }

  @AfterAll
  void stop() {
    server.stop();
  }

  private Response me(String authorization) {
    var request = client.request(IdentityRoutes.ME).GET();
    if (authorization != null) request.header("Authorization", authorization);
    return client.send(request);
  }

  private static String b64(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String claims(String token) {
    return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
  }

  @Test
  void the_token_names_the_user_handlers_see() {
    assertThat(me("Bearer " + alice.accessToken()).ok(200).get("username").asText()).isEqualTo(alice.username());
    assertThat(me("Bearer " + bob.accessToken()).ok(200).get("username").asText()).isEqualTo(bob.username());
    assertThat(me("bearer " + alice.accessToken()).ok(200).get("id").asText()).isEqualTo(alice.id().toString());
  }

  @Test
  void a_missing_token_is_401_with_a_plain_challenge() {
    for (String authorization : new String[] {null, "", "   "}) {
      Response response = me(authorization);
      response.error(401, "unauthorized");
      assertThat(response.header("WWW-Authenticate")).as("[%s]", authorization).isEqualTo(CHALLENGE);
    }
  }

  @Test
  void every_kind_of_bad_token_is_401_naming_an_invalid_token() {
    String valid = alice.accessToken();
    String[] parts = valid.split("\\.");
    String forged = application.foreignAccessTokens().issue(alice.id()).token();
    String otherUser = b64(claims(valid).replace(alice.id().toString(), bob.id().toString()));

    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("another scheme", "Basic " + B64.encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8)));
    bad.put("scheme without token", "Bearer");
    bad.put("token without scheme", valid);
    bad.put("two tokens", "Bearer " + valid + " " + valid);
    bad.put("not a JWT", "Bearer not-a-token");
    bad.put("empty parts", "Bearer ..");
    bad.put("signed with another key", "Bearer " + forged);
    bad.put("alg none, no signature", "Bearer " + b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
    bad.put("alg none, signature kept", "Bearer " + b64("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2]);
    bad.put("alg HS512 claimed",
        "Bearer " + b64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2]);
    bad.put("claims changed to another user", "Bearer " + parts[0] + "." + otherUser + "." + parts[2]);
    bad.put("signature cut", "Bearer " + parts[0] + "." + parts[1] + "." + parts[2].substring(1));

    bad.forEach((kind, authorization) -> {
      Response response = me(authorization);
      assertThat(response.status()).as(kind).isEqualTo(401);
      response.error(401, "unauthorized");
      assertThat(response.header("WWW-Authenticate")).as(kind).isEqualTo(INVALID_TOKEN_CHALLENGE);
      assertThat(response.text()).as(kind).doesNotContain(alice.username());
    });
    assertThat(me("Bearer " + valid).status()).isEqualTo(200);
  }

  @Test
  void an_expired_token_is_401() {
    application.advance(TestApplication.ACCESS_LIFETIME.minusSeconds(1));
    assertThat(me("Bearer " + alice.accessToken()).status()).isEqualTo(200);
    application.advance(Duration.ofSeconds(1));
    me("Bearer " + alice.accessToken()).error(401, "unauthorized");
  }

  @Test
  void a_deleted_users_token_stops_working_at_once() {
    client.send("DELETE", IdentityRoutes.ME, alice.accessToken(), Map.of("password", alice.password()));
    me("Bearer " + alice.accessToken()).error(401, "unauthorized");
  }

  @Test
  void variants_of_a_path_do_not_get_past_the_check() {
    for (String path : new String[] {"/api/v1/me/", "/api/v1//me", "//api/v1/me", "/api/v1/./me",
        "/api/v1/auth/../me", "/api/v1/auth/%2e%2e/me", "/api/v1/me;x=1", "/api/v1/me?x=1", "/api/v1/me%2f"}) {
      assertThat(client.send(client.request(path).GET()).status()).as(path).isIn(401, 404);
    }
    assertThat(client.send(client.request(IdentityRoutes.ME).method("HEAD", BodyPublishers.noBody())).status())
        .isEqualTo(401);
  }

  @Test
  void public_routes_need_no_token_and_ignore_a_bad_one() {
    JsonNode tokens = client.send(client.request(IdentityRoutes.LOGIN).header("Authorization", "Bearer junk")
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(
            "{\"username\":\"" + alice.username() + "\",\"password\":\"" + alice.password() + "\"}"))).ok(200);
    assertThat(tokens.get("access_token").asText()).isNotBlank();
  }

  @Test
  void unmatched_api_paths_are_404_and_routes_outside_the_api_are_not_guarded() {
    client.get("/api/v1/no-such-route", null).error(404, "not_found");
    assertThat(client.get("/health", null).status()).isEqualTo(200);
  }

  @Test
  void asking_for_the_user_where_no_token_was_checked_fails_closed() {
    client.get("/test/whoami", alice.accessToken()).error(401, "unauthorized");
  }
}
