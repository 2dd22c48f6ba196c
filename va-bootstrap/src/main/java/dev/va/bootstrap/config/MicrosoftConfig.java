package dev.va.bootstrap.config;

import dev.va.domain.mail.ServerEndpoint;
import java.net.URI;
import java.util.Optional;

/**
 * OAuth client of Outlook mailboxes on the Microsoft identity platform: its tenant ({@code common},
 * {@code organizations}, {@code consumers} or a tenant id), the authorization and token endpoints when not Microsoft's
 * own, and the IMAP and SMTP servers of the mailboxes when not Exchange Online's (a national cloud, a local gateway).
 */
public record MicrosoftConfig(String tenant, String clientId, String clientSecret, Optional<URI> authUrl,
    Optional<URI> tokenUrl, Optional<ServerEndpoint> imapServer, Optional<ServerEndpoint> smtpServer) {
  /** At Microsoft's endpoints and Exchange Online's servers. */
  public MicrosoftConfig(String tenant, String clientId, String clientSecret) {
    this(tenant, clientId, clientSecret, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Override
  public String toString() {
    return "MicrosoftConfig[tenant=" + tenant + ", clientId=" + clientId + ", clientSecret=***, authUrl=" + authUrl
        + ", tokenUrl=" + tokenUrl + ", imapServer=" + imapServer + ", smtpServer=" + smtpServer + "]";
  }
}
