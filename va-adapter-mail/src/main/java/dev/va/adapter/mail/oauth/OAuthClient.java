package dev.va.adapter.mail.oauth;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The client side of the OAuth 2 authorization-code flow with PKCE (RFC 6749, RFC 7636) against one identity
 * provider (Google, the Microsoft identity platform): the authorization URL, the code exchange and token refresh.
 * The client authenticates with its secret in the request body. Thread safe.
 */
public final class OAuthClient {
  private final OAuthClientSettings settings;
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient http;

  public OAuthClient(OAuthClientSettings settings, Duration timeout, Clock clock) {
    this.settings = settings;
    this.timeout = timeout;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public OAuthClientSettings settings() {
    return settings;
  }

  /** Where to send the user's browser; {@code codeChallenge} is the S256 challenge of the flow's verifier. */
  public URI authorizationUrl(String state, String codeChallenge) {
    require(state, "state");
    require(codeChallenge, "codeChallenge");
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", settings.clientId());
    query.put("redirect_uri", settings.redirectUri().toString());
    query.put("scope", String.join(" ", settings.scopes()));
    query.put("state", state);
    query.put("code_challenge", codeChallenge);
    query.put("code_challenge_method", "S256");
    settings.extraAuthorizationParameters().forEach(query::putIfAbsent);
    String base = settings.authorizationUri().toString();
    return URI.create(base + (base.contains("?") ? "&" : "?") + form(query));
  }

  /** Exchanges the code the callback received for tokens. */
  public Tokens exchange(String code, String codeVerifier) {
    require(code, "code");
    require(codeVerifier, "codeVerifier");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", settings.redirectUri().toString());
    form.put("code_verifier", codeVerifier);
    return tokenRequest(form, null);
  }

  /**
   * New tokens for a refresh token. The answer keeps {@code refreshToken} when the provider sends no new one.
   *
   * @throws OAuthException {@link OAuthException#invalidGrant()} when the refresh token was revoked or expired
   */
  public Tokens refresh(String refreshToken) {
    require(refreshToken, "refreshToken");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "refresh_token");
    form.put("refresh_token", refreshToken);
    if (settings.scopeOnRefresh()) form.put("scope", String.join(" ", settings.scopes()));
    return tokenRequest(form, refreshToken);
  }

  private Tokens tokenRequest(Map<String, String> form, String previousRefreshToken) {
    form.put("client_id", settings.clientId());
    if (settings.clientSecret() != null) form.put("client_secret", settings.clientSecret());
    HttpRequest request = HttpRequest.newBuilder(settings.tokenUri())
        .timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form(form)))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new OAuthException("token endpoint unreachable: " + e.getMessage(), null, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OAuthException("interrupted while calling the token endpoint", null, 0, e);
    }
    JsonObject body = object(response);
    if (response.statusCode() != 200) {
      String error = string(body, "error");
      String description = string(body, "error_description");
      throw new OAuthException("token endpoint answered " + response.statusCode()
          + (error == null ? "" : ": " + error) + (description == null ? "" : " (" + description + ")"),
          error, response.statusCode(), null);
    }
    if (body == null) throw malformed(response, "not a JSON object");
    String accessToken = string(body, "access_token");
    if (accessToken == null || accessToken.isBlank()) throw malformed(response, "no access_token");
    String tokenType = string(body, "token_type");
    if (tokenType != null && !tokenType.equalsIgnoreCase("bearer")) {
      throw malformed(response, "token_type " + tokenType + " is not Bearer");
    }
    Instant expiresAt = null;
    String expiresIn = string(body, "expires_in");
    if (expiresIn != null) {
      try {
        expiresAt = clock.instant().plusSeconds(Long.parseLong(expiresIn.strip()));
      } catch (NumberFormatException e) {
        throw malformed(response, "expires_in is not a number");
      }
    }
    String refreshToken = string(body, "refresh_token");
    return new Tokens(accessToken, refreshToken != null ? refreshToken : previousRefreshToken, expiresAt,
        string(body, "scope"), emailOf(string(body, "id_token")));
  }

  private static OAuthException malformed(HttpResponse<String> response, String why) {
    return new OAuthException("malformed token response: " + why, null, response.statusCode(), null);
  }

  private static JsonObject object(HttpResponse<String> response) {
    try {
      JsonElement parsed = JsonParser.parseString(response.body());
      return parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
    } catch (JsonParseException e) {
      return null;
    }
  }

  /** A string or number member as text; null when absent or of another type. */
  private static String string(JsonObject object, String name) {
    if (object == null) return null;
    JsonElement value = object.get(name);
    if (value == null || !value.isJsonPrimitive()) return null;
    JsonPrimitive primitive = value.getAsJsonPrimitive();
    return primitive.isString() || primitive.isNumber() ? primitive.getAsString() : null;
  }

  /**
   * The address in an ID token. The token came straight from the provider over TLS, so its signature need not be
   * checked (OpenID Connect Core 3.1.3.7); an unreadable one gives null.
   */
  static String emailOf(String idToken) {
    if (idToken == null) return null;
    String[] parts = idToken.split("\\.");
    if (parts.length < 2) return null;
    try {
      JsonElement claims = JsonParser.parseString(
          new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      if (!claims.isJsonObject()) return null;
      JsonObject object = claims.getAsJsonObject();
      JsonElement verified = object.get("email_verified");
      if (verified != null && verified.isJsonPrimitive() && !verified.getAsBoolean()) return null;
      String email = string(object, "email");
      if (email == null) {
        String username = string(object, "preferred_username");
        email = username != null && username.contains("@") ? username : null;
      }
      return email;
    } catch (IllegalArgumentException | JsonParseException | UnsupportedOperationException e) {
      return null;
    }
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " is required");
  }
}
