package dev.va.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.AccessTokens;
import dev.va.application.port.out.AccessTokensContract;
import dev.va.application.port.out.IssuedToken;
import dev.va.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtAccessTokensTest implements AccessTokensContract {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  private final byte[] key = randomKey();
  private final byte[] otherKey = randomKey();

  @Override
  public AccessTokens accessTokens(Clock clock, Duration lifetime) {
    return new JwtAccessTokens(key, lifetime, clock);
  }

  @Override
  public AccessTokens accessTokensWithOtherKey(Clock clock, Duration lifetime) {
    return new JwtAccessTokens(otherKey, lifetime, clock);
  }

  @Test
  void tokenIsAnHs256JwtWithTheStandardClaims() {
    IssuedToken issued = tokens().issue(UserId.parse("0b6f2bd4-3c8a-4e0c-9a7e-1f2d3c4b5a69", "id"));
    String[] parts = issued.token().split("\\.");

    assertThat(decode(parts[0])).contains("\"alg\":\"HS256\"");
    assertThat(decode(parts[1]))
        .contains("\"sub\":\"0b6f2bd4-3c8a-4e0c-9a7e-1f2d3c4b5a69\"", "\"iat\":" + NOW.getEpochSecond(),
            "\"exp\":" + NOW.plus(LIFETIME).getEpochSecond(), "\"jti\":\"" + issued.jti() + "\"");
  }

  @Test
  void payloadSwappedForAnotherUserIsRejected() {
    String[] parts = tokens().issue(UserId.random()).token().split("\\.");
    String forged = encode(decode(parts[1]).replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"" + UserId.random() + "\""));
    assertThat(tokens().verify(parts[0] + "." + forged + "." + parts[2])).isEmpty();
  }

  @Test
  void unsignedAlgNoneTokenIsRejected() {
    String payload = validPayload();
    assertThat(tokens().verify(encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".")).isEmpty();
    // same, keeping a genuine signature in place
    String signature = tokens().issue(UserId.random()).token().split("\\.")[2];
    assertThat(tokens().verify(encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + "." + signature))
        .isEmpty();
  }

  @Test
  void otherAlgorithmWithTheSameKeyIsRejected() {
    String hs512 = JWT.create()
        .withSubject(UserId.random().toString())
        .withIssuedAt(NOW)
        .withExpiresAt(NOW.plus(LIFETIME))
        .withJWTId("jti-1")
        .sign(Algorithm.HMAC512(key));
    assertThat(tokens().verify(hs512)).isEmpty();
  }

  @Test
  void tokenMissingAClaimOrWithABadSubjectIsRejected() {
    Algorithm hs256 = Algorithm.HMAC256(key);
    String noJti = JWT.create().withSubject(UserId.random().toString()).withIssuedAt(NOW)
        .withExpiresAt(NOW.plus(LIFETIME)).sign(hs256);
    String noExp = JWT.create().withSubject(UserId.random().toString()).withIssuedAt(NOW).withJWTId("j").sign(hs256);
    String badSub = JWT.create().withSubject("admin").withIssuedAt(NOW)
        .withExpiresAt(NOW.plus(LIFETIME)).withJWTId("j").sign(hs256);

    assertThat(tokens().verify(noJti)).isEmpty();
    assertThat(tokens().verify(noExp)).isEmpty();
    assertThat(tokens().verify(badSub)).isEmpty();
  }

  @Test
  void shortKeysAndLifetimesAreRefused() {
    assertThatThrownBy(() -> new JwtAccessTokens(new byte[31], LIFETIME, Clock.systemUTC()))
        .hasMessageContaining("SECRET_KEY");
    assertThatThrownBy(() -> new JwtAccessTokens(key, Duration.ZERO, Clock.systemUTC()))
        .hasMessageContaining("lifetime");
  }

  private AccessTokens tokens() {
    return accessTokens(new SettableClock(NOW), LIFETIME);
  }

  private static String validPayload() {
    return encode("{\"sub\":\"" + UserId.random() + "\",\"iat\":" + NOW.getEpochSecond() + ",\"exp\":"
        + NOW.plus(LIFETIME).getEpochSecond() + ",\"jti\":\"x\"}");
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static byte[] randomKey() {
    byte[] bytes = new byte[64];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
