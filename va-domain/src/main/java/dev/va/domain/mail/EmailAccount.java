package dev.va.domain.mail;

import dev.va.domain.shared.EmailAddress;
import dev.va.domain.shared.EncryptedSecret;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Instant;

/**
 * A mailbox connected by a user. Credentials are held encrypted only. {@code imap}/{@code smtp} are set for
 * IMAP-based providers; {@code syncCursor} is provider specific (Gmail historyId, IMAP UIDVALIDITY/UID state).
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
    Instant createdAt,
    Instant updatedAt) {

  public EmailAccount {
    Require.nonNull(id, "id");
    Require.nonNull(userId, "user_id");
    Require.nonNull(provider, "provider");
    Require.nonNull(address, "address");
    Require.maxLength(displayName, 200, "display_name");
    Require.nonNull(status, "status");
    Require.nonNull(createdAt, "created_at");
    Require.nonNull(updatedAt, "updated_at");
    if (provider != MailProviderType.GMAIL) {
      Require.nonNull(imap, "imap");
    }
  }

  public EmailAccount withStatus(AccountStatus newStatus, String error, Instant now) {
    return new EmailAccount(id, userId, provider, address, displayName, imap, smtp, username, credentials,
        newStatus, syncCursor, lastSyncAt, error, createdAt, now);
  }

  public EmailAccount withCredentials(EncryptedSecret newCredentials, Instant now) {
    return new EmailAccount(id, userId, provider, address, displayName, imap, smtp, username, newCredentials,
        status, syncCursor, lastSyncAt, lastError, createdAt, now);
  }

  /** Records a successful sync: the new cursor, the time, and a cleared error. */
  public EmailAccount synced(String newCursor, Instant now) {
    return new EmailAccount(id, userId, provider, address, displayName, imap, smtp, username, credentials,
        AccountStatus.ACTIVE, newCursor, now, null, createdAt, now);
  }
}
