package dev.va.adapter.web.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Response;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.ApiRoutes;
import dev.va.adapter.web.ApiSuite;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bearer tokens: who they name, and every way a token can be missing, malformed, forged or expired. */
public abstract class BearerAuthenticationSuite extends ApiSuite {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final String CHALLENGE = "Bearer realm=\"va\"";
  private static final String INVALID_TOKEN_CHALLENGE = "Bearer realm=\"va\", error=\"invalid_token\"";
  private static final String HS256 = "HmacSHA256";
  private static final String HS512 = "HmacSHA512";

  private final AtomicInteger names = new AtomicInteger();
  private Session alice;
  private Session bob;

  /** A route outside /api/v1 that still asks for the user: Auth.user must refuse, not return null. */
  @Override
  protected List<Module> extraModules() {
    return List.of(binder -> Multibinder.newSetBinder(binder, ApiRoutes.class).addBinding()
        .toInstance(app -> app.get("/test/whoami", ctx -> ctx.result(Auth.user(ctx).toString()))));
  }

  @BeforeEach
  void signUp() {
    alice = client.signUp("alice" + names.incrementAndGet());
    bob = client.signUp("bob" + names.get());
  }

  private Response me(String authorization) {
    var request = client.request(IdentityRoutes.ME).GET();
    if (authorization != null) request.header("Authorization", authorization);
    return client.send(request);
  }

  private static String b64(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String decoded(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  /** {@code header.claims} (both already encoded) with its signature by {@code algorithm} under {@code key}. */
  private static String signed(String algorithm, byte[] key, String header, String claims) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, algorithm));
      String input = header + "." + claims;
      return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims shaped like the server's own: subject, issued now, expiring {@code expiresIn} from now, an id. */
  private String claims(String subject, Duration expiresIn) {
    long now = api.now().getEpochSecond();
    return b64("{\"sub\":\"" + subject + "\",\"iat\":" + now + ",\"exp\":" + (now + expiresIn.toSeconds())
        + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
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

  /** The forgeries below differ from a good token in one way each, as the two controls prove. */
  @Test
  void tokens_are_forged_here_as_the_server_signs_them() {
    String[] parts = alice.accessToken().split("\\.");
    byte[] key = api.accessTokenKey();

    assertThat(signed(HS256, key, parts[0], parts[1])).isEqualTo(alice.accessToken());
    String forged = signed(HS256, key, parts[0], claims(alice.id().toString(), Duration.ofMinutes(1)));
    assertThat(me("Bearer " + forged).ok(200).get("id").asText()).isEqualTo(alice.id().toString());
  }

  @Test
  void every_kind_of_bad_token_is_401_naming_an_invalid_token() throws Exception {
    String valid = alice.accessToken();
    String[] parts = valid.split("\\.");
    byte[] key = api.accessTokenKey();
    byte[] otherKey = Arrays.copyOf(key, key.length);
    otherKey[0] ^= 1;
    ObjectNode payload = (ObjectNode) ApiClient.JSON.readTree(decoded(parts[1]));
    String otherUser = b64(payload.deepCopy().put("sub", bob.id().toString()).toString());
    String laterExpiry = b64(payload.deepCopy().put("exp", payload.get("exp").asLong() + 3600).toString());
    String hs512Header = b64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}");
    String noExpiry = b64("{\"sub\":\"" + alice.id() + "\",\"iat\":" + api.now().getEpochSecond() + ",\"jti\":\""
        + UUID.randomUUID() + "\"}");

    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("another scheme", "Basic " + B64.encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8)));
    bad.put("scheme without token", "Bearer");
    bad.put("token without scheme", valid);
    bad.put("two tokens", "Bearer " + valid + " " + valid);
    bad.put("garbage", "Bearer not-a-token");
    bad.put("empty parts", "Bearer ..");
    bad.put("random bytes in three parts", "Bearer " + b64("\u0001\u00ff") + "." + b64("{") + "." + b64("x"));
    bad.put("signed with another key", "Bearer " + signed(HS256, otherKey, parts[0], parts[1]));
    bad.put("alg none, no signature", "Bearer " + b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".");
    bad.put("alg none, signature kept", "Bearer " + b64("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2]);
    bad.put("alg HS512 claimed, HS256 signature", "Bearer " + hs512Header + "." + parts[1] + "." + parts[2]);
    bad.put("HS512 signed with the same key", "Bearer " + signed(HS512, key, hs512Header, parts[1]));
    bad.put("payload changed to another user", "Bearer " + parts[0] + "." + otherUser + "." + parts[2]);
    bad.put("payload with a later expiry", "Bearer " + parts[0] + "." + laterExpiry + "." + parts[2]);
    bad.put("signature cut", "Bearer " + parts[0] + "." + parts[1] + "." + parts[2].substring(1));
    bad.put("signed, but expired a second ago",
        "Bearer " + signed(HS256, key, parts[0], claims(alice.id().toString(), Duration.ofSeconds(-1))));
    bad.put("signed, but without expiry", "Bearer " + signed(HS256, key, parts[0], noExpiry));
    bad.put("signed, but the subject is no user id",
        "Bearer " + signed(HS256, key, parts[0], claims("admin", Duration.ofMinutes(1))));
    bad.put("signed, but the user does not exist",
        "Bearer " + signed(HS256, key, parts[0], claims(UUID.randomUUID().toString(), Duration.ofMinutes(1))));

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
    api.advance(api.accessLifetime().minusSeconds(1));
    assertThat(me("Bearer " + alice.accessToken()).status()).isEqualTo(200);
    api.advance(Duration.ofSeconds(1));
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
