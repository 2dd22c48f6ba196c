package dev.va.application.mail;

import dev.va.application.port.out.CredentialStore;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.shared.EncryptedSecret;
import java.time.Clock;

/**
 * Writes renewed credentials to the account repository. The stored account is reloaded first, so the sync cursor or
 * status saved meanwhile is kept, whatever the caller's copy of the account holds.
 */
public final class AccountCredentialStore implements CredentialStore {
  private final EmailAccountRepository accounts;
  private final Clock clock;

  public AccountCredentialStore(EmailAccountRepository accounts, Clock clock) {
    this.accounts = accounts;
    this.clock = clock;
  }

  @Override
  public void replaceCredentials(EmailAccount account, EncryptedSecret credentials) {
    if (credentials == null) throw new IllegalArgumentException("credentials are required");
    accounts.findById(account.userId(), account.id())
        .ifPresent(stored -> accounts.update(stored.withCredentials(credentials, clock.instant())));
  }
}
