package dev.va.application.fake;

import dev.va.application.port.out.AccessClaims;
import dev.va.application.port.out.AccessTokens;
import dev.va.application.port.out.IssuedToken;
import dev.va.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test stand-in for the JWT adapter, on the JDK alone: compact HS256 JWTs with {@code sub}, {@code iat}, {@code exp}
 * and {@code jti}, shaped like the real ones so tests can hand-craft {@code alg: none} or foreign-key tokens. Only
 * the exact header it writes is accepted, so any other algorithm is refused before the signature is looked at.
 */
public final class InMemoryAccessTokens implements AccessTokens {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER =
      B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
  // only ever matched against a payload whose signature checked out, i.e. one this class wrote
  private static final Pattern CLAIMS = Pattern.compile(
      "\\{\"sub\":\"([0-9a-f-]{36})\",\"iat\":(\\d{1,12}),\"exp\":(\\d{1,12}),\"jti\":\"([0-9a-f-]{36})\"}");

  private final byte[] key;
  private final Duration lifetime;
  private final Clock clock;

  public InMemoryAccessTokens(byte[] key, Duration lifetime, Clock clock) {
    if (key.length < 32) throw new IllegalArgumentException("an HS256 key needs at least 32 bytes");
    this.key = key.clone();
    this.lifetime = lifetime;
    this.clock = clock;
  }

  @Override
  public IssuedToken issue(UserId user) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = now.plus(lifetime);
    String jti = UUID.randomUUID().toString();
    String claims = "{\"sub\":\"" + user + "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":"
        + expiresAt.getEpochSecond() + ",\"jti\":\"" + jti + "\"}";
    String signingInput = HEADER + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    return new IssuedToken(signingInput + "." + B64.encodeToString(sign(signingInput)), jti, expiresAt);
  }

  @Override
  public Optional<AccessClaims> verify(String token) {
    if (token == null) return Optional.empty();
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !parts[0].equals(HEADER)) return Optional.empty();
    try {
      byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
      if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) return Optional.empty();
      Matcher claims = CLAIMS.matcher(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      if (!claims.matches()) return Optional.empty();
      Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(claims.group(3)));
      if (!clock.instant().isBefore(expiresAt)) return Optional.empty();
      return Optional.of(new AccessClaims(new UserId(UUID.fromString(claims.group(1))), claims.group(4),
          Instant.ofEpochSecond(Long.parseLong(claims.group(2))), expiresAt));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private byte[] sign(String signingInput) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
