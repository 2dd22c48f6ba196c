package dev.va.application.port.out;

import dev.va.domain.shared.EncryptedSecret;

/** Encrypts secrets kept at rest. Several keys may be configured: encrypt with the first, decrypt with any. */
public interface TokenCipher {
  EncryptedSecret encrypt(String plaintext);

  /** @throws IllegalArgumentException when no configured key can authenticate the token */
  String decrypt(EncryptedSecret secret);

  /** True when the secret was encrypted with the current (first) key. */
  boolean isCurrent(EncryptedSecret secret);
}
