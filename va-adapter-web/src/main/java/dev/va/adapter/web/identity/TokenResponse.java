package dev.va.adapter.web.identity;

import dev.va.application.auth.TokenPair;
import io.javalin.openapi.OpenApiName;

/**
 * A new session or a refreshed one: the short-lived access token to send as {@code Authorization: Bearer}, and the
 * refresh token (single use: each refresh returns a new one) to get the next.
 */
public record TokenResponse(
    @OpenApiName("access_token") String accessToken,
    @OpenApiName("refresh_token") String refreshToken,
    @OpenApiName("token_type") String tokenType,
    @OpenApiName("expires_in") long expiresIn) {

  public static TokenResponse of(TokenPair pair) {
    return new TokenResponse(pair.accessToken(), pair.refreshToken(), pair.tokenType(), pair.expiresIn());
  }

  @Override
  public String toString() {
    return "TokenResponse[access_token=***, refresh_token=***, expires_in=" + expiresIn + "]";
  }
}
