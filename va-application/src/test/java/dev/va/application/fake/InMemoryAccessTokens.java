package dev.va.application.fake;

import dev.va.application.port.out.AccessClaims;
import dev.va.application.port.out.AccessTokens;
import dev.va.application.port.out.IssuedToken;
import dev.va.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fake, NOT signing: the claims are only base64-encoded, tagged with the id of the key that "signed" them and a
 * checksum, so tampering and foreign keys are detected as with a real token. Times are whole seconds, as in a JWT.
 */
public final class InMemoryAccessTokens implements AccessTokens {
  private static final Pattern TOKEN =
      Pattern.compile("fake-at\\.([A-Za-z0-9_-]+)\\.([A-Za-z0-9_-]+)\\.([0-9a-f]{16})");

  private final String keyId;
  private final Duration lifetime;
  private final Clock clock;

  public InMemoryAccessTokens(String keyId, Duration lifetime, Clock clock) {
    if (!keyId.matches("[A-Za-z0-9_-]+")) throw new IllegalArgumentException("bad key id: " + keyId);
    this.keyId = keyId;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  @Override
  public IssuedToken issue(UserId user) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = now.plus(lifetime);
    String jti = UUID.randomUUID().toString();
    String claims = user + "|" + jti + "|" + now.getEpochSecond() + "|" + expiresAt.getEpochSecond();
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    return new IssuedToken("fake-at." + keyId + "." + payload + "." + checksum(keyId, payload), jti, expiresAt);
  }

  @Override
  public Optional<AccessClaims> verify(String token) {
    if (token == null) return Optional.empty();
    Matcher m = TOKEN.matcher(token);
    if (!m.matches() || !m.group(1).equals(keyId) || !checksum(keyId, m.group(2)).equals(m.group(3))) {
      return Optional.empty();
    }
    try {
      String[] claims = new String(Base64.getUrlDecoder().decode(m.group(2)), StandardCharsets.UTF_8).split("\\|");
      AccessClaims verified = new AccessClaims(UserId.parse(claims[0], "sub"), claims[1],
          Instant.ofEpochSecond(Long.parseLong(claims[2])), Instant.ofEpochSecond(Long.parseLong(claims[3])));
      return clock.instant().isBefore(verified.expiresAt()) ? Optional.of(verified) : Optional.empty();
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  private static String checksum(String keyId, String payload) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((keyId + "." + payload).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
