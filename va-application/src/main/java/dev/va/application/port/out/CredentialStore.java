package dev.va.application.port.out;

import dev.va.domain.mail.EmailAccount;
import dev.va.domain.shared.EncryptedSecret;

/**
 * Keeps credentials that a {@link MailProvider} renewed by itself during a call (an OAuth access token it refreshed,
 * possibly with a new refresh token), so that later calls start from them. Providers call it on the thread that runs
 * the provider call. Only the credentials change: a caller that saves the account after a provider call should reload
 * it first, else it writes the old credentials back (not fatal: the provider then refreshes once more).
 */
public interface CredentialStore {
  /** Replaces the stored credentials of the account (found by its owner and id); nothing when it no longer exists. */
  void replaceCredentials(EmailAccount account, EncryptedSecret credentials);
}
