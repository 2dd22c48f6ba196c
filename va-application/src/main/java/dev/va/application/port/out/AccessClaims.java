package dev.va.application.port.out;

import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;

/** What a verified access token asserts. */
public record AccessClaims(UserId user, String jti, Instant issuedAt, Instant expiresAt) {
  public AccessClaims {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(jti, "jti");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
