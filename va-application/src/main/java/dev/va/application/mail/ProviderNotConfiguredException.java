package dev.va.application.mail;

import dev.va.domain.mail.MailProviderType;

/** The mail provider asked for is not offered by this installation (its OAuth client is not configured). */
public class ProviderNotConfiguredException extends RuntimeException {
  private final MailProviderType provider;

  public ProviderNotConfiguredException(MailProviderType provider) {
    super(provider + " is not configured on this server");
    this.provider = provider;
  }

  public MailProviderType provider() {
    return provider;
  }
}
