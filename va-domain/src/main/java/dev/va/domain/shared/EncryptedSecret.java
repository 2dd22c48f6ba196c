package dev.va.domain.shared;

/**
 * A secret (OAuth token, IMAP password) in its encrypted form. The model never carries such a secret in plain text,
 * so nothing that stores or logs the model can leak one.
 */
public record EncryptedSecret(String token) {
  public EncryptedSecret {
    Require.notBlank(token, "token");
  }

  @Override
  public String toString() {
    return "EncryptedSecret[***]";
  }
}
