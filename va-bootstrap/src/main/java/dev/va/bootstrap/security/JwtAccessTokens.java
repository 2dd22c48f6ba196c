package dev.va.bootstrap.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.va.application.port.out.AccessClaims;
import dev.va.application.port.out.AccessTokens;
import dev.va.application.port.out.IssuedToken;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Access tokens as HS256 JWTs carrying {@code sub} (user id), {@code iat}, {@code exp} and {@code jti}. The verifier
 * is bound to HS256, so tokens with {@code alg: none} or any other algorithm are rejected.
 */
public final class JwtAccessTokens implements AccessTokens {
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);
  /** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output. */
  static final int MIN_SECRET_LENGTH = 32;

  private final Algorithm algorithm;
  private final JWTVerifier verifier;
  private final Duration lifetime;
  private final Clock clock;

  public JwtAccessTokens(byte[] secretKey, Duration lifetime, Clock clock) {
    if (secretKey.length < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException("SECRET_KEY must be at least " + MIN_SECRET_LENGTH + " bytes long");
    }
    if (lifetime.getSeconds() < 1) throw new IllegalArgumentException("token lifetime must be at least 1 s");
    this.algorithm = Algorithm.HMAC256(secretKey.clone());
    // thread-safe; reads the clock on every verification
    this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
        .withClaimPresence("sub")
        .withClaimPresence("iat")
        .withClaimPresence("exp")
        .withClaimPresence("jti"))
        .build(clock);
    this.lifetime = lifetime;
    this.clock = clock;
  }

  @Override
  public IssuedToken issue(UserId user) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS); // JWT times are whole seconds
    Instant expiresAt = now.plus(lifetime);
    String jti = UUID.randomUUID().toString();
    String token = JWT.create()
        .withSubject(user.toString())
        .withIssuedAt(now)
        .withExpiresAt(expiresAt)
        .withJWTId(jti)
        .sign(algorithm);
    return new IssuedToken(token, jti, expiresAt);
  }

  @Override
  public Optional<AccessClaims> verify(String token) {
    if (token == null || token.isBlank()) return Optional.empty();
    try {
      DecodedJWT jwt = verifier.verify(token);
      return Optional.of(new AccessClaims(
          UserId.parse(jwt.getSubject(), "sub"), jwt.getId(), jwt.getIssuedAtAsInstant(), jwt.getExpiresAtAsInstant()));
    } catch (JWTVerificationException | DomainValidationException e) {
      return Optional.empty();
    }
  }
}
