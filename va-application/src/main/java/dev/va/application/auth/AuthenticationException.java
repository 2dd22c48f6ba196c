package dev.va.application.auth;

/** Credentials or a token were refused. The message is deliberately the same whatever the reason. */
public class AuthenticationException extends RuntimeException {
  public AuthenticationException(String message) {
    super(message);
  }
}
