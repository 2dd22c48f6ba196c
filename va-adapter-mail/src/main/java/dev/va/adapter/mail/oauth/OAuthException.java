package dev.va.adapter.mail.oauth;

/**
 * The token endpoint refused a request or could not be used. {@code error} is the RFC 6749 error code
 * ({@code invalid_grant}, {@code invalid_client}, ...) when the endpoint sent one, else null (network failure, an
 * unreadable answer); {@code status} the HTTP status, 0 without an answer.
 */
public class OAuthException extends RuntimeException {
  private final String error;
  private final int status;

  public OAuthException(String message, String error, int status, Throwable cause) {
    super(message, cause);
    this.error = error;
    this.status = status;
  }

  public String error() {
    return error;
  }

  public int status() {
    return status;
  }

  /** The grant (code or refresh token) is invalid, expired or revoked: the user must authorize again. */
  public boolean invalidGrant() {
    return "invalid_grant".equals(error);
  }
}
