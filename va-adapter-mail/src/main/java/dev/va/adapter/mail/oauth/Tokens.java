package dev.va.adapter.mail.oauth;

import java.time.Instant;

/**
 * A token response (RFC 6749 section 5.1).
 *
 * @param refreshToken null when the provider sent none (a refresh usually keeps the old one)
 * @param expiresAt null when the provider did not tell
 * @param scope the granted scopes, space separated; null when not told (then as requested)
 * @param email the {@code email} claim of the ID token (Microsoft: {@code preferred_username} when it is an address),
 *     null without an ID token
 */
public record Tokens(String accessToken, String refreshToken, Instant expiresAt, String scope, String email) {
  public Tokens {
    if (accessToken == null || accessToken.isBlank()) throw new IllegalArgumentException("accessToken is required");
  }

  @Override
  public String toString() {
    return "Tokens[accessToken=***, refreshToken=" + (refreshToken == null ? "none" : "***") + ", expiresAt="
        + expiresAt + ", scope=" + scope + ", email=" + email + "]";
  }
}
