package dev.va.adapter.mail.oauth;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.time.Instant;

/**
 * The OAuth credentials of a mail account, as stored (encrypted) in {@code EmailAccount.credentials}:
 * {@code {"type":"oauth2","access_token":"...","refresh_token":"...","expires_at":1750000000,"scope":"..."}} with the
 * expiry in epoch seconds; refresh token, expiry and scope may be absent. A secret that is not such a JSON object is
 * read as a bare access token that cannot be refreshed (how XOAUTH2 accounts were stored before).
 */
public record OAuthCredentials(String accessToken, String refreshToken, Instant expiresAt, String scope) {
  private static final String TYPE = "oauth2";

  public OAuthCredentials {
    if (accessToken == null || accessToken.isBlank()) throw new IllegalArgumentException("accessToken is required");
    if (refreshToken != null && refreshToken.isBlank()) refreshToken = null;
    if (expiresAt != null) expiresAt = Instant.ofEpochSecond(expiresAt.getEpochSecond());
  }

  public static OAuthCredentials of(Tokens tokens) {
    return new OAuthCredentials(tokens.accessToken(), tokens.refreshToken(), tokens.expiresAt(), tokens.scope());
  }

  /**
   * @throws IllegalArgumentException when {@code secret} is blank, or an {@code oauth2} object without an access token
   */
  public static OAuthCredentials parse(String secret) {
    if (secret == null || secret.isBlank()) throw new IllegalArgumentException("empty credentials");
    String text = secret.strip();
    if (!text.startsWith("{")) return new OAuthCredentials(text, null, null, null);
    try {
      JsonObject json = JsonParser.parseString(text).getAsJsonObject();
      if (!TYPE.equals(text(json, "type"))) throw new IllegalArgumentException("credentials are not of type oauth2");
      String expires = text(json, "expires_at");
      return new OAuthCredentials(text(json, "access_token"), text(json, "refresh_token"),
          expires == null ? null : Instant.ofEpochSecond(Long.parseLong(expires)), text(json, "scope"));
    } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
      throw new IllegalArgumentException("unreadable oauth2 credentials", e);
    }
  }

  public String toJson() {
    JsonObject json = new JsonObject();
    json.addProperty("type", TYPE);
    json.addProperty("access_token", accessToken);
    if (refreshToken != null) json.addProperty("refresh_token", refreshToken);
    if (expiresAt != null) json.addProperty("expires_at", expiresAt.getEpochSecond());
    if (scope != null) json.addProperty("scope", scope);
    return json.toString();
  }

  /** These credentials after a refresh: a refresh token or scope the answer lacks is kept. */
  public OAuthCredentials refreshedWith(Tokens tokens) {
    return new OAuthCredentials(tokens.accessToken(),
        tokens.refreshToken() != null ? tokens.refreshToken() : refreshToken, tokens.expiresAt(),
        tokens.scope() != null ? tokens.scope() : scope);
  }

  public boolean refreshable() {
    return refreshToken != null;
  }

  /** True when the access token is expired or expires within {@code margin}; false when its expiry is unknown. */
  public boolean expiresWithin(Duration margin, Instant now) {
    return expiresAt != null && !now.plus(margin).isBefore(expiresAt);
  }

  private static String text(JsonObject json, String name) {
    JsonElement value = json.get(name);
    return value == null || value.isJsonNull() ? null : value.getAsString();
  }

  @Override
  public String toString() {
    return "OAuthCredentials[accessToken=***, refreshToken=" + (refreshToken == null ? "none" : "***")
        + ", expiresAt=" + expiresAt + ", scope=" + scope + "]";
  }
}
