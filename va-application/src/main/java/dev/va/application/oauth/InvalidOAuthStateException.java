package dev.va.application.oauth;

/** The {@code state} of an OAuth callback was refused: malformed, forged, expired or already used. */
public class InvalidOAuthStateException extends RuntimeException {
  public InvalidOAuthStateException(String message) {
    super(message);
  }
}
