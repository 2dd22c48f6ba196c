package dev.va.domain.mail;

import dev.va.domain.shared.Require;

/** Host, port and transport security of an IMAP or SMTP server. */
public record ServerEndpoint(String host, int port, Security security) {
  public enum Security { NONE, STARTTLS, TLS }

  public ServerEndpoint {
    Require.notBlank(host, "host");
    Require.maxLength(host, 255, "host");
    Require.range(port, 1, 65535, "port");
    Require.nonNull(security, "security");
  }
}
