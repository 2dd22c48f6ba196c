package dev.va.adapter.mail.oauth;

import dev.va.application.port.out.CredentialStore;
import dev.va.application.port.out.MailProvider.MailProviderException;
import dev.va.application.port.out.TokenCipher;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens for the accounts of one identity provider. Reads the account's encrypted {@link OAuthCredentials},
 * refreshes them shortly before they expire or after the mail server refused them, and hands renewed credentials to
 * the {@link CredentialStore}. Renewed credentials are also kept here, so a caller still holding the account as it
 * was loaded before a refresh does not cause another one, and callers that find the same token expired at once wait
 * for one refresh (in this process). Failures are {@link MailProviderException}s: authentication
 * ones when the user must connect the account again (revoked grant, nothing to refresh with, undecryptable secret).
 */
public final class OAuthTokenSource {
  /** An access token expiring within this margin is refreshed before use. */
  public static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

  private final OAuthClient client;
  private final TokenCipher cipher;
  private final CredentialStore store;
  private final Clock clock;
  private final ConcurrentHashMap<EmailAccountId, Renewal> renewed = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<EmailAccountId, Object> refreshing = new ConcurrentHashMap<>();

  /** Credentials renewed from those with access token {@code replaced}. */
  private record Renewal(String replaced, OAuthCredentials credentials) {}

  /** @param client null: tokens are used as stored and never refreshed */
  public OAuthTokenSource(OAuthClient client, TokenCipher cipher, CredentialStore store, Clock clock) {
    this.client = client;
    this.cipher = cipher;
    this.store = store;
    this.clock = clock;
  }

  /** The credentials to use now, refreshed first when the access token is about to expire. */
  public OAuthCredentials current(EmailAccount account) {
    OAuthCredentials credentials = latest(account);
    if (credentials.expiresWithin(EXPIRY_MARGIN, clock.instant()) && canRefresh(credentials)) {
      return refresh(account, credentials);
    }
    return credentials;
  }

  /**
   * Fresh credentials after the server refused {@code refused}.
   *
   * @throws MailProviderException (authentication) when they cannot be refreshed
   */
  public OAuthCredentials refreshAfterRefusal(EmailAccount account, OAuthCredentials refused) {
    if (!canRefresh(refused)) {
      throw new MailProviderException("the access token was refused and cannot be refreshed", true, null);
    }
    return refresh(account, refused);
  }

  private boolean canRefresh(OAuthCredentials credentials) {
    return client != null && credentials.refreshable();
  }

  private OAuthCredentials latest(EmailAccount account) {
    if (account.credentials() == null) throw new MailProviderException("account has no credentials", true, null);
    OAuthCredentials stored;
    try {
      stored = OAuthCredentials.parse(cipher.decrypt(account.credentials()));
    } catch (IllegalArgumentException e) {
      // a secret that no configured key opens must be granted again, like a revoked one
      throw new MailProviderException("stored credentials cannot be read", true, e);
    }
    // an account loaded before the renewal still holds the replaced token; any other token is newer news
    Renewal renewal = renewed.get(account.id());
    return renewal != null && renewal.replaced().equals(stored.accessToken()) ? renewal.credentials() : stored;
  }

  private OAuthCredentials refresh(EmailAccount account, OAuthCredentials credentials) {
    // one refresh per account at a time: the sync and the triage of a mailbox often find its token expired together
    synchronized (refreshing.computeIfAbsent(account.id(), id -> new Object())) {
      Renewal renewal = renewed.get(account.id());
      if (renewal != null && renewal.replaced().equals(credentials.accessToken())) return renewal.credentials();
      return refreshNow(account, credentials);
    }
  }

  private OAuthCredentials refreshNow(EmailAccount account, OAuthCredentials credentials) {
    Tokens tokens;
    try {
      tokens = client.refresh(credentials.refreshToken());
    } catch (OAuthException e) {
      throw new MailProviderException("token refresh failed: " + e.getMessage(), e.invalidGrant(), e);
    }
    OAuthCredentials fresh = credentials.refreshedWith(tokens);
    renewed.put(account.id(), new Renewal(credentials.accessToken(), fresh));
    if (!Objects.equals(fresh, credentials)) store.replaceCredentials(account, cipher.encrypt(fresh.toJson()));
    return fresh;
  }
}
