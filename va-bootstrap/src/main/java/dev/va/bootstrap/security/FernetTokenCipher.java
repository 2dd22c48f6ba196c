package dev.va.bootstrap.security;

import dev.va.application.port.out.TokenCipher;
import dev.va.domain.shared.EncryptedSecret;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@link TokenCipher} over Fernet, readable by any Fernet implementation (Python's {@code cryptography} among them).
 * Encrypts with the first key; decrypts with whichever configured key signed the token, so keys can be rotated by
 * putting a new key first and re-encrypting the secrets for which {@link #isCurrent} is false.
 */
public final class FernetTokenCipher implements TokenCipher {
  private final List<Fernet> fernets;
  private final Clock clock;
  private final SecureRandom random;

  public FernetTokenCipher(List<FernetKey> keys, Clock clock, SecureRandom random) {
    if (keys.isEmpty()) throw new IllegalArgumentException("at least one Fernet key is required");
    this.fernets = keys.stream().map(Fernet::new).toList();
    this.clock = clock;
    this.random = random;
  }

  @Override
  public EncryptedSecret encrypt(String plaintext) {
    byte[] iv = new byte[16];
    random.nextBytes(iv);
    return new EncryptedSecret(fernets.get(0).encrypt(plaintext.getBytes(StandardCharsets.UTF_8), clock.instant(), iv));
  }

  @Override
  public String decrypt(EncryptedSecret secret) {
    return text(open(Fernet.Token.parse(secret.token())));
  }

  /** Like {@link #decrypt(EncryptedSecret)}, also rejecting tokens older than {@code maxAge} or from the future. */
  public String decrypt(EncryptedSecret secret, Duration maxAge) {
    Fernet.Token token = Fernet.Token.parse(secret.token());
    token.checkAge(clock.instant(), maxAge);
    return text(open(token));
  }

  @Override
  public boolean isCurrent(EncryptedSecret secret) {
    try {
      return fernets.get(0).authenticates(Fernet.Token.parse(secret.token()));
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  private byte[] open(Fernet.Token token) {
    for (Fernet fernet : fernets) {
      if (fernet.authenticates(token)) return fernet.decryptAuthenticated(token);
    }
    throw new IllegalArgumentException("invalid token: no configured key authenticates it");
  }

  private static String text(byte[] plaintext) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(plaintext)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("invalid token: plaintext is not UTF-8 text");
    }
  }
}
