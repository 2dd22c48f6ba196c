package dev.va.bootstrap.config;

import java.util.List;
import java.util.Optional;

/**
 * Keys of the security primitives.
 *
 * @param encryptionKeys Fernet keys (url-safe base64 of 32 bytes), newest first: the first encrypts, all decrypt
 * @param secretKey signs tokens; at least 32 characters
 */
public record SecretsConfig(List<String> encryptionKeys, Optional<String> secretKey) {
  public SecretsConfig {
    encryptionKeys = List.copyOf(encryptionKeys);
  }

  @Override
  public String toString() {
    return "SecretsConfig[encryptionKeys=" + encryptionKeys.size() + " key(s), secretKey="
        + secretKey.map(k -> "***").orElse("none") + "]";
  }
}
