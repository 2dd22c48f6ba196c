package dev.va.application.port.out;

import dev.va.domain.mail.MailProviderType;
import dev.va.domain.shared.EncryptedSecret;
import java.net.URI;
import java.util.Set;

/**
 * The OAuth 2 authorization-code flow with PKCE that connects a mailbox of a provider that signs in with OAuth (Gmail,
 * Outlook). The caller makes the {@code state} and the code verifier (see {@code OAuthStateService}); the credentials
 * come back encrypted, in the form the provider's {@link MailProvider} reads, ready to be stored in the account.
 */
public interface MailAuthorization {
  /** The providers whose OAuth client is configured; others cannot be connected this way. */
  Set<MailProviderType> providers();

  /**
   * Where to send the user's browser to consent.
   *
   * @throws IllegalArgumentException for a provider not in {@link #providers()}
   */
  URI authorizationUrl(MailProviderType provider, String state, String codeChallenge);

  /**
   * Exchanges the code the callback received.
   *
   * @throws IllegalArgumentException for a provider not in {@link #providers()}
   * @throws AuthorizationException when the provider refuses the code or cannot be reached
   */
  Authorized exchange(MailProviderType provider, String code, String codeVerifier);

  /**
   * @param email the address the provider vouches for, null when it told none
   * @param scope the granted scopes, space separated, null when not told
   */
  record Authorized(String email, EncryptedSecret credentials, String scope) {
    public Authorized {
      if (credentials == null) throw new IllegalArgumentException("credentials are required");
    }
  }

  /** {@code refused}: the provider refused the code (used, expired, another verifier); else it failed. */
  class AuthorizationException extends RuntimeException {
    private final boolean refused;

    public AuthorizationException(String message, boolean refused, Throwable cause) {
      super(message, cause);
      this.refused = refused;
    }

    public boolean refused() {
      return refused;
    }
  }
}
