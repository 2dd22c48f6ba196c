package dev.va.domain.mail;

import dev.va.domain.shared.EmailAddress;
import dev.va.domain.shared.EncryptedSecret;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Instant;

/**
 * A mailbox connected by a user. Credentials are held encrypted only. {@code imap}/{@code smtp} are set for
 * IMAP-based providers; {@code syncCursor} is provider specific (Gmail historyId, IMAP UIDVALIDITY/UID state).
 * {@code syncFailures} counts the syncs that failed in a row since the last good one, and {@code lastAttemptAt} is
 * when a sync last ran, so failing accounts can back off.
 */
public record EmailAccount(
    EmailAccountId id,
    UserId userId,
    MailProviderType provider,
    EmailAddress address,
    String displayName,
    ServerEndpoint imap,
    ServerEndpoint smtp,
    String username,
    EncryptedSecret credentials,
    AccountStatus status,
    String syncCursor,
    Instant lastSyncAt,
    String lastError,
    int syncFailures,
    Instant lastAttemptAt,
    Instant createdAt,
    Instant updatedAt) {

  public EmailAccount {
    Require.nonNull(id, "id");
    Require.nonNull(userId, "user_id");
    Require.nonNull(provider, "provider");
    Require.nonNull(address, "address");
    Require.maxLength(displayName, 200, "display_name");
    Require.nonNull(status, "status");
    Require.that(syncFailures >= 0, "sync_failures", "sync_failures must not be negative");
    Require.nonNull(createdAt, "created_at");
    Require.nonNull(updatedAt, "updated_at");
    if (provider != MailProviderType.GMAIL) {
      Require.nonNull(imap, "imap");
    }
  }

  public EmailAccount withStatus(AccountStatus newStatus, String error, Instant now) {
    return new EmailAccount(id, userId, provider, address, displayName, imap, smtp, username, credentials,
        newStatus, syncCursor, lastSyncAt, error, syncFailures, lastAttemptAt, createdAt, now);
  }

  public EmailAccount withCredentials(EncryptedSecret newCredentials, Instant now) {
    return new EmailAccount(id, userId, provider, address, displayName, imap, smtp, username, newCredentials,
        status, syncCursor, lastSyncAt, lastError, syncFailures, lastAttemptAt, createdAt, now);
  }

  /** Records a successful sync: the new cursor, the time, and a cleared error and failure count. */
  public EmailAccount synced(String newCursor, Instant now) {
    return new EmailAccount(id, userId, provider, address, displayName, imap, smtp, username, credentials,
        AccountStatus.ACTIVE, newCursor, now, null, 0, now, createdAt, now);
  }

  /** Records a failed sync: ERROR with the reason, one more failure in a row. */
  public EmailAccount syncFailed(String error, Instant now) {
    return new EmailAccount(id, userId, provider, address, displayName, imap, smtp, username, credentials,
        AccountStatus.ERROR, syncCursor, lastSyncAt, error, syncFailures + 1, now, createdAt, now);
  }

  /**
   * The user granted access again: new credentials, ACTIVE, and the error and failure count of the old ones cleared,
   * so the next sync runs without backing off.
   */
  public EmailAccount reauthorized(EncryptedSecret newCredentials, Instant now) {
    Require.nonNull(newCredentials, "credentials");
    return new EmailAccount(id, userId, provider, address, displayName, imap, smtp, username, newCredentials,
        AccountStatus.ACTIVE, syncCursor, lastSyncAt, null, 0, lastAttemptAt, createdAt, now);
  }

  /** Records that the provider refused the credentials: nothing syncs until the user connects the account again. */
  public EmailAccount credentialsRefused(String error, Instant now) {
    return new EmailAccount(id, userId, provider, address, displayName, imap, smtp, username, credentials,
        AccountStatus.NEEDS_REAUTH, syncCursor, lastSyncAt, error, syncFailures, now, createdAt, now);
  }
}
