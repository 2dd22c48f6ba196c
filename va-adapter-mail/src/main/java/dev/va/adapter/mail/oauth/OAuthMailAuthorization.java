package dev.va.adapter.mail.oauth;

import dev.va.application.port.out.MailAuthorization;
import dev.va.application.port.out.TokenCipher;
import dev.va.domain.mail.MailProviderType;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * The authorization-code flow through the configured {@link OAuthClient}s. The tokens are stored as
 * {@link OAuthCredentials}, encrypted: the form in which the Gmail and the IMAP (XOAUTH2) providers read them.
 */
public final class OAuthMailAuthorization implements MailAuthorization {
  private final Map<MailProviderType, OAuthClient> clients;
  private final TokenCipher cipher;

  public OAuthMailAuthorization(Map<MailProviderType, OAuthClient> clients, TokenCipher cipher) {
    this.clients = Map.copyOf(clients);
    this.cipher = cipher;
  }

  @Override
  public Set<MailProviderType> providers() {
    return clients.keySet();
  }

  @Override
  public URI authorizationUrl(MailProviderType provider, String state, String codeChallenge) {
    return client(provider).authorizationUrl(state, codeChallenge);
  }

  @Override
  public Authorized exchange(MailProviderType provider, String code, String codeVerifier) {
    Tokens tokens;
    try {
      tokens = client(provider).exchange(code, codeVerifier);
    } catch (OAuthException e) {
      // an error code means the provider read the request and refused it; without one it failed
      throw new AuthorizationException(e.getMessage(), e.error() != null, e);
    }
    return new Authorized(tokens.email(), cipher.encrypt(OAuthCredentials.of(tokens).toJson()), tokens.scope());
  }

  private OAuthClient client(MailProviderType provider) {
    OAuthClient client = clients.get(provider);
    if (client == null) throw new IllegalArgumentException("no OAuth client is configured for " + provider);
    return client;
  }
}
