package dev.va.adapter.web.mail;

import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.ServerEndpoint;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiName;
import java.time.Instant;

/**
 * A connected mailbox as the API shows it: never its password or token. {@code status} is ACTIVE, NEEDS_REAUTH
 * (the server refused the credentials: connect the account again), ERROR (syncs fail and back off) or DISABLED.
 */
public record AccountView(
    String id,
    String email,
    @OpenApiName("display_name") String displayName,
    String provider,
    ServerView imap,
    ServerView smtp,
    String username,
    String status,
    @OpenApiName("needs_reauth") boolean needsReauth,
    @OpenApiName("last_sync_at") Instant lastSyncAt,
    @OpenApiName("last_error") String lastError,
    @OpenApiDescription("syncs that failed in a row since the last good one")
    @OpenApiName("sync_failures") int syncFailures,
    @OpenApiName("last_attempt_at") Instant lastAttemptAt,
    @OpenApiName("created_at") Instant createdAt,
    @OpenApiName("updated_at") Instant updatedAt) {

  /** Host, port and transport security ({@code TLS}, {@code STARTTLS} or {@code NONE}) of a server. */
  public record ServerView(String host, int port, String security) {
    static ServerView of(ServerEndpoint endpoint) {
      return endpoint == null ? null
          : new ServerView(endpoint.host(), endpoint.port(), endpoint.security().name());
    }
  }

  static AccountView of(EmailAccount a) {
    return new AccountView(a.id().toString(), a.address().value(), a.displayName(), a.provider().name(),
        ServerView.of(a.imap()), ServerView.of(a.smtp()), a.username(), a.status().name(),
        a.status() == AccountStatus.NEEDS_REAUTH, a.lastSyncAt(), a.lastError(), a.syncFailures(), a.lastAttemptAt(),
        a.createdAt(), a.updatedAt());
  }
}
