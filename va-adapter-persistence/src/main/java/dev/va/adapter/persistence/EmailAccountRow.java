package dev.va.adapter.persistence;

import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.shared.EncryptedSecret;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code email_accounts}; each server endpoint is three nullable columns. */
record EmailAccountRow(
    UUID id,
    UUID userId,
    String provider,
    String address,
    String displayName,
    String imapHost,
    Integer imapPort,
    String imapSecurity,
    String smtpHost,
    Integer smtpPort,
    String smtpSecurity,
    String username,
    String credentials,
    String status,
    String syncCursor,
    Instant lastSyncAt,
    String lastError,
    int syncFailures,
    Instant lastAttemptAt,
    Instant createdAt,
    Instant updatedAt) {

  static EmailAccountRow of(EmailAccount a) {
    ServerEndpoint imap = a.imap();
    ServerEndpoint smtp = a.smtp();
    return new EmailAccountRow(a.id().value(), a.userId().value(), a.provider().name(), a.address().value(),
        a.displayName(),
        imap == null ? null : imap.host(), imap == null ? null : imap.port(),
        imap == null ? null : imap.security().name(),
        smtp == null ? null : smtp.host(), smtp == null ? null : smtp.port(),
        smtp == null ? null : smtp.security().name(),
        a.username(), a.credentials() == null ? null : a.credentials().token(), a.status().name(), a.syncCursor(),
        a.lastSyncAt(), a.lastError(), a.syncFailures(), a.lastAttemptAt(), a.createdAt(), a.updatedAt());
  }

  EmailAccount toDomain() {
    return new EmailAccount(new EmailAccountId(id), new UserId(userId), MailProviderType.valueOf(provider),
        EmailAddress.of(address), displayName, endpoint(imapHost, imapPort, imapSecurity),
        endpoint(smtpHost, smtpPort, smtpSecurity), username,
        credentials == null ? null : new EncryptedSecret(credentials), AccountStatus.valueOf(status), syncCursor,
        lastSyncAt, lastError, syncFailures, lastAttemptAt, createdAt, updatedAt);
  }

  private static ServerEndpoint endpoint(String host, Integer port, String security) {
    return host == null ? null : new ServerEndpoint(host, port, ServerEndpoint.Security.valueOf(security));
  }
}
