package dev.va.application.oauth;

import dev.va.application.port.out.NonceStore;
import dev.va.application.port.out.SecureTokens;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code state} of an OAuth 2 authorization-code flow that connects a mailbox, and its PKCE verifier.
 *
 * <p>A state is {@code v1.<payload>.<mac>}: the payload (user id, provider, nonce, expiry) in base64url and an
 * HMAC-SHA256 over it, so it cannot be forged or altered, and nothing needs storing when the flow starts. The PKCE
 * code verifier is derived from the key and the nonce, so it never travels through the browser and the callback
 * recomputes it. A state is accepted once: its nonce goes to a {@link NonceStore}, which must be shared by every process
 * that may receive the callback and outlive restarts (the server's is in PostgreSQL). States also expire after the
 * configured time to live.
 */
public final class OAuthStateService {
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
  private static final String VERSION = "v1";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** What the authorization request needs: the state to send, and the S256 challenge of the verifier. */
  public record Start(String state, String codeChallenge, Instant expiresAt) {}

  /** A state that passed verification: whose flow it is, and the verifier to send with the code. */
  public record Verified(UserId userId, MailProviderType provider, String codeVerifier) {}

  private final SecretKeySpec key;
  private final NonceStore usedNonces;
  private final SecureTokens random;
  private final Clock clock;
  private final Duration ttl;

  /**
   * @param key at least 32 secret bytes, the same on every process that may receive the callback
   * @param random source of the nonces
   */
  public OAuthStateService(byte[] key, NonceStore usedNonces, SecureTokens random, Clock clock, Duration ttl) {
    if (key == null || key.length < 32) throw new IllegalArgumentException("the state key needs at least 32 bytes");
    if (ttl == null || ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be positive");
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    this.usedNonces = usedNonces;
    this.random = random;
    this.clock = clock;
    this.ttl = ttl;
  }

  public Start start(UserId user, MailProviderType provider) {
    if (user == null || provider == null) throw new IllegalArgumentException("user and provider are required");
    String nonce = random.newToken();
    if (nonce.indexOf('|') >= 0) throw new IllegalStateException("nonce must not contain '|'");
    Instant expiresAt = clock.instant().plus(ttl);
    String payload = B64.encodeToString(String.join("|", user.toString(), provider.name(), nonce,
        Long.toString(expiresAt.getEpochSecond())).getBytes(StandardCharsets.UTF_8));
    String state = VERSION + "." + payload + "." + B64.encodeToString(mac("state|" + payload));
    return new Start(state, challenge(verifier(nonce)), Instant.ofEpochSecond(expiresAt.getEpochSecond()));
  }

  /**
   * Checks a state that came back with a callback and uses it up.
   *
   * @throws InvalidOAuthStateException when it is malformed, forged, expired or used before
   */
  public Verified verify(String state) {
    String[] parts = state == null ? new String[0] : state.split("\\.", -1);
    if (parts.length != 3 || !parts[0].equals(VERSION)) throw new InvalidOAuthStateException("malformed state");
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new InvalidOAuthStateException("malformed state");
    }
    if (!MessageDigest.isEqual(given, mac("state|" + parts[1]))) throw new InvalidOAuthStateException("forged state");
    UserId user;
    MailProviderType provider;
    String nonce;
    Instant expiresAt;
    try { // signed with this key, so unreadable only if written by another version
      String[] fields = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).split("\\|", -1);
      user = UserId.parse(fields[0], "user_id");
      provider = MailProviderType.valueOf(fields[1]);
      nonce = fields[2];
      expiresAt = Instant.ofEpochSecond(Long.parseLong(fields[3]));
    } catch (RuntimeException e) {
      throw new InvalidOAuthStateException("malformed state");
    }
    if (!clock.instant().isBefore(expiresAt)) throw new InvalidOAuthStateException("expired state");
    if (!usedNonces.useOnce(nonce, expiresAt)) throw new InvalidOAuthStateException("state used before");
    return new Verified(user, provider, verifier(nonce));
  }

  /** The PKCE S256 challenge of a verifier (RFC 7636 section 4.2). */
  public static String challenge(String codeVerifier) {
    try {
      return B64.encodeToString(MessageDigest.getInstance("SHA-256")
          .digest(codeVerifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** 43 base64url characters: the shortest verifier RFC 7636 allows, with 256 bits of entropy. */
  private String verifier(String nonce) {
    return B64.encodeToString(mac("pkce|" + nonce));
  }

  private byte[] mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal((VERSION + "|" + text).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
