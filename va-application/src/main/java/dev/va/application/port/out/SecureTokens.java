package dev.va.application.port.out;

/**
 * Opaque random tokens (refresh tokens, reset links). Only {@link #hash} of a token is ever stored, so a leaked table
 * holds nothing that can be presented as a token.
 */
public interface SecureTokens {
  /** A new unguessable, url-safe token. */
  String newToken();

  /** Deterministic one-way digest of a token, the form in which it is stored and looked up. */
  String hash(String token);
}
