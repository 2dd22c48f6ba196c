package dev.va.bootstrap.config;

import java.net.URI;
import java.util.Optional;

/**
 * OAuth client of the Gmail provider, and where Google is reached when not at its usual addresses (a proxy, a test
 * server): the Gmail API root and the authorization and token endpoints.
 */
public record GmailConfig(String clientId, String clientSecret, Optional<URI> apiRootUrl, Optional<URI> authUrl,
    Optional<URI> tokenUrl) {
  public GmailConfig(String clientId, String clientSecret) {
    this(clientId, clientSecret, Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Override
  public String toString() {
    return "GmailConfig[clientId=" + clientId + ", clientSecret=***, apiRootUrl=" + apiRootUrl + ", authUrl="
        + authUrl + ", tokenUrl=" + tokenUrl + "]";
  }
}
