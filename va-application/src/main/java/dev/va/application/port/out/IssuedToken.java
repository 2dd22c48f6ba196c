package dev.va.application.port.out;

import java.time.Instant;
import java.util.Objects;

/** A freshly issued access token; {@code jti} identifies it (for revocation lists and audit). */
public record IssuedToken(String token, String jti, Instant expiresAt) {
  public IssuedToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(jti, "jti");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  @Override
  public String toString() {
    return "IssuedToken[token=***, jti=" + jti + ", expiresAt=" + expiresAt + "]";
  }
}
