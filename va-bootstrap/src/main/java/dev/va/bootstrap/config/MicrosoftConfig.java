package dev.va.bootstrap.config;

import java.net.URI;
import java.util.Optional;

/**
 * OAuth client of Outlook mailboxes on the Microsoft identity platform: its tenant ({@code common},
 * {@code organizations}, {@code consumers} or a tenant id), and the authorization and token endpoints when not
 * Microsoft's own.
 */
public record MicrosoftConfig(String tenant, String clientId, String clientSecret, Optional<URI> authUrl,
    Optional<URI> tokenUrl) {
  @Override
  public String toString() {
    return "MicrosoftConfig[tenant=" + tenant + ", clientId=" + clientId + ", clientSecret=***, authUrl=" + authUrl
        + ", tokenUrl=" + tokenUrl + "]";
  }
}
