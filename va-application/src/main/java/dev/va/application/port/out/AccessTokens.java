package dev.va.application.port.out;

import dev.va.domain.user.UserId;
import java.util.Optional;

/** Short-lived, self-contained access tokens (bearer credentials of the HTTP API). */
public interface AccessTokens {
  IssuedToken issue(UserId user);

  /** Empty for anything but an intact, unexpired token issued with this key: never throws for bad input. */
  Optional<AccessClaims> verify(String token);
}
