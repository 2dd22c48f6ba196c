package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.shared.EncryptedSecret;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link CredentialStore} must have. */
public interface CredentialStoreContract {
  CredentialStore credentialStore();

  /** An account saved in the backing store, with credentials and a sync cursor. */
  EmailAccount storedAccount();

  /** The account as the backing store holds it now. */
  Optional<EmailAccount> reload(EmailAccount account);

  @Test
  default void replacesTheCredentialsOnly() {
    EmailAccount account = storedAccount();
    EncryptedSecret renewed = new EncryptedSecret("renewed-" + account.id());

    credentialStore().replaceCredentials(account, renewed);

    EmailAccount stored = reload(account).orElseThrow();
    assertThat(stored.credentials()).isEqualTo(renewed);
    assertThat(stored.syncCursor()).isEqualTo(account.syncCursor());
    assertThat(stored.status()).isEqualTo(account.status());
    assertThat(stored.address()).isEqualTo(account.address());
  }

  @Test
  default void aStaleCopyOfTheAccountDoesNotRollBackItsOtherFields() {
    EmailAccount account = storedAccount();
    EmailAccount stale = account.synced("cursor-the-store-never-saw", Instant.parse("2020-01-01T00:00:00Z"));

    credentialStore().replaceCredentials(stale, new EncryptedSecret("renewed"));

    EmailAccount stored = reload(account).orElseThrow();
    assertThat(stored.credentials()).isEqualTo(new EncryptedSecret("renewed"));
    assertThat(stored.syncCursor()).isEqualTo(account.syncCursor());
  }

  @Test
  default void anAccountThatIsGoneStaysGone() {
    EmailAccount account = storedAccount();
    EmailAccount other = new EmailAccount(EmailAccountId.random(), account.userId(),
        account.provider(), account.address(), account.displayName(), account.imap(), account.smtp(),
        account.username(), account.credentials(), account.status(), account.syncCursor(), account.lastSyncAt(),
        account.lastError(), account.syncFailures(), account.lastAttemptAt(), account.createdAt(),
        account.updatedAt());

    credentialStore().replaceCredentials(other, new EncryptedSecret("renewed"));

    assertThat(reload(other)).isEmpty();
    assertThat(reload(account).orElseThrow().credentials()).isEqualTo(account.credentials());
  }
}
