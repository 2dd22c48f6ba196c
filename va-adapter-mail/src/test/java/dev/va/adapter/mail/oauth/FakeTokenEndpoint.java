package dev.va.adapter.mail.oauth;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An OAuth 2 token endpoint as RFC 6749 describes it (authorization_code with PKCE S256, refresh_token), for a JDK
 * {@code HttpServer}. Answers are JSON; errors are 400 (401 for a bad client) with {@code error} and
 * {@code error_description}. Access tokens it issues are announced to {@code onIssued}, so a fake API can accept them.
 */
public final class FakeTokenEndpoint implements HttpHandler {
  public static final String CLIENT_ID = "client-1";
  public static final String CLIENT_SECRET = "secret-1";

  private record Code(String challenge, String redirectUri, String email) {}

  private record Canned(int status, String body) {}

  private final Consumer<String> onIssued;
  private final Map<String, Code> codes = new HashMap<>();
  private final Set<String> refreshTokens = new HashSet<>();
  private final List<Map<String, String>> requests = new ArrayList<>();
  private final List<Canned> canned = new ArrayList<>();
  private String scope = "https://www.googleapis.com/auth/gmail.modify openid email";
  private boolean rotateRefreshTokens;
  private String nextAccessToken;
  private int issued;

  public FakeTokenEndpoint(Consumer<String> onIssued) {
    this.onIssued = onIssued;
  }

  public synchronized void addRefreshToken(String refreshToken) {
    refreshTokens.add(refreshToken);
  }

  public synchronized void revoke(String refreshToken) {
    refreshTokens.remove(refreshToken);
  }

  /** The next refresh answers with a new refresh token too (as Microsoft does). */
  public synchronized void rotateRefreshTokens() {
    rotateRefreshTokens = true;
  }

  public synchronized void nextAccessToken(String token) {
    nextAccessToken = token;
  }

  /** The user consented: a code for this PKCE challenge and redirect URI, for an account with that address. */
  public synchronized String consent(String codeChallenge, String redirectUri, String email) {
    String code = "code-" + (codes.size() + 1);
    codes.put(code, new Code(codeChallenge, redirectUri, email));
    return code;
  }

  /** The next request is answered with this status and body, whatever it asks. */
  public synchronized void answerNext(int status, String body) {
    canned.add(new Canned(status, body));
  }

  /** The form fields of each request, in order. */
  public synchronized List<Map<String, String>> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      Canned answer;
      synchronized (this) {
        requests.add(form);
        answer = !canned.isEmpty() ? canned.remove(0) : answer(exchange, form);
      }
      answer(exchange, answer.status(), answer.body());
    }
  }

  /** Answers a token request with JSON that no cache may keep, as token endpoints do (RFC 6749 section 5.1). */
  public static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private Canned answer(HttpExchange exchange, Map<String, String> form) {
    if (!exchange.getRequestMethod().equals("POST")) return error(405, "invalid_request", "POST only");
    if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
      return error(401, "invalid_client", "The OAuth client was not found.");
    }
    String grant = form.getOrDefault("grant_type", "");
    switch (grant) {
      case "refresh_token" -> {
        String refreshToken = form.get("refresh_token");
        if (!refreshTokens.contains(refreshToken)) return error(400, "invalid_grant", "Token has been expired or revoked.");
        JsonObject tokens = tokens();
        if (rotateRefreshTokens) {
          refreshTokens.remove(refreshToken);
          String rotated = refreshToken + "-r";
          refreshTokens.add(rotated);
          tokens.addProperty("refresh_token", rotated);
        }
        return new Canned(200, tokens.toString());
      }
      case "authorization_code" -> {
        Code code = codes.remove(form.getOrDefault("code", ""));
        if (code == null) return error(400, "invalid_grant", "Malformed auth code.");
        if (!code.redirectUri().equals(form.get("redirect_uri"))) return error(400, "redirect_uri_mismatch", "Bad Request");
        if (!code.challenge().equals(s256(form.getOrDefault("code_verifier", "")))) {
          return error(400, "invalid_grant", "Invalid code verifier.");
        }
        String refreshToken = "rt-" + (refreshTokens.size() + 1) + "-" + code.email();
        refreshTokens.add(refreshToken);
        JsonObject tokens = tokens();
        tokens.addProperty("refresh_token", refreshToken);
        tokens.addProperty("id_token", idToken(code.email()));
        return new Canned(200, tokens.toString());
      }
      default -> {
        return error(400, "unsupported_grant_type", "Invalid grant_type: " + grant);
      }
    }
  }

  private JsonObject tokens() {
    String accessToken = nextAccessToken != null ? nextAccessToken : "at-" + (++issued);
    nextAccessToken = null;
    onIssued.accept(accessToken);
    JsonObject tokens = new JsonObject();
    tokens.addProperty("access_token", accessToken);
    tokens.addProperty("expires_in", 3599);
    tokens.addProperty("scope", scope);
    tokens.addProperty("token_type", "Bearer");
    return tokens;
  }

  /** An unsigned JWT with the claims a Google ID token has about the address. */
  private static String idToken(String email) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    JsonObject claims = new JsonObject();
    claims.addProperty("iss", "https://accounts.google.com");
    claims.addProperty("sub", "1234567890");
    claims.addProperty("email", email);
    claims.addProperty("email_verified", true);
    return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
  }

  private static Canned error(int status, String error, String description) {
    JsonObject body = new JsonObject();
    body.addProperty("error", error);
    body.addProperty("error_description", description);
    return new Canned(status, body.toString());
  }

  public static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) return fields;
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      fields.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return fields;
  }
}
