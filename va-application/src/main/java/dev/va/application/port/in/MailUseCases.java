package dev.va.application.port.in;

import dev.va.application.RequestMeta;
import dev.va.application.port.out.MessageQuery;
import dev.va.application.port.out.Page;
import dev.va.domain.job.Job;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Connected mailboxes and their synced messages. A namespace: each nested interface is one use case. */
public interface MailUseCases {
  /**
   * A mailbox reached over IMAP (and SMTP for replies) with a password; Outlook and most hosted mail work this way
   * with an app password. Each invalid value names its request field ({@code imap_port}, {@code smtp_security}, ...).
   * {@code smtp} may be null: the account then syncs but cannot send. {@code username} null: the address logs in.
   */
  record ConnectImapAccountCommand(UserId user, EmailAddress email, String displayName, ServerEndpoint imap,
      ServerEndpoint smtp, String username, String password, RequestMeta meta) {
    public static final int IMAP_TLS_PORT = 993;
    public static final int SMTP_SUBMISSION_PORT = 587;
    public static final int MAX_PASSWORD_LENGTH = 1024;

    public ConnectImapAccountCommand {
      Require.nonNull(user, "user");
      Require.nonNull(email, "email");
      Require.maxLength(displayName, 200, "display_name");
      Require.nonNull(imap, "imap_host");
      Require.maxLength(username, 254, "username");
      Require.that(password != null && !password.isEmpty(), "password", "password is required");
      Require.maxLength(password, MAX_PASSWORD_LENGTH, "password");
      displayName = blankToNull(displayName);
      username = blankToNull(username);
    }

    /**
     * From request values: a missing IMAP port or security means 993 over TLS, a missing SMTP port or security
     * 587 with STARTTLS; no {@code smtpHost} means no SMTP (then no SMTP port or security may be given).
     */
    public static ConnectImapAccountCommand of(UserId user, String email, String displayName, String imapHost,
        Integer imapPort, String imapSecurity, String smtpHost, Integer smtpPort, String smtpSecurity,
        String username, String password, RequestMeta meta) {
      Require.nonNull(email, "email");
      ServerEndpoint imap = endpoint("imap", imapHost, imapPort, imapSecurity, IMAP_TLS_PORT,
          ServerEndpoint.Security.TLS);
      ServerEndpoint smtp = null;
      if (blankToNull(smtpHost) != null) {
        smtp = endpoint("smtp", smtpHost, smtpPort, smtpSecurity, SMTP_SUBMISSION_PORT,
            ServerEndpoint.Security.STARTTLS);
      } else {
        Require.that(smtpPort == null, "smtp_host", "smtp_host is required with smtp_port");
        Require.that(smtpSecurity == null, "smtp_host", "smtp_host is required with smtp_security");
      }
      return new ConnectImapAccountCommand(user, EmailAddress.of(email), displayName, imap, smtp, username,
          password, meta);
    }

    private static ServerEndpoint endpoint(String prefix, String host, Integer port, String security,
        int defaultPort, ServerEndpoint.Security defaultSecurity) {
      Require.notBlank(host, prefix + "_host");
      String trimmed = host.trim();
      Require.maxLength(trimmed, 255, prefix + "_host");
      Require.that(trimmed.matches("[A-Za-z0-9.:\\[\\]-]+"), prefix + "_host",
          prefix + "_host must be a host name or an IP address");
      int p = port == null ? defaultPort : Require.range(port, 1, 65535, prefix + "_port");
      return new ServerEndpoint(trimmed, p, security == null ? defaultSecurity : security(prefix, security));
    }

    private static ServerEndpoint.Security security(String prefix, String value) {
      try {
        return ServerEndpoint.Security.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new DomainValidationException(prefix + "_security",
            prefix + "_security must be one of tls, starttls, none");
      }
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
      return "ConnectImapAccountCommand[user=" + user + ", email=" + email + ", imap=" + imap + ", smtp=" + smtp
          + ", username=" + username + ", password=***]";
    }
  }

  interface ConnectImapAccount {
    /**
     * Checks the servers accept the credentials, then stores the account (password encrypted) and schedules its
     * sync, the first one at once.
     */
    EmailAccount connect(ConnectImapAccountCommand command);
  }

  /**
   * The answer of an OAuth provider as it came back through the browser to the callback of {@code provider}.
   * {@code caller} is the user whose bearer token came with the callback, null when none did: the browser usually
   * comes back without it, and the signed state names the user who started.
   */
  record CompleteOAuthCommand(MailProviderType provider, String state, String code, UserId caller,
      RequestMeta meta) {
    public static final int MAX_LENGTH = 4096;

    public CompleteOAuthCommand {
      Require.nonNull(provider, "provider");
      Require.notBlank(state, "state");
      Require.maxLength(state, MAX_LENGTH, "state");
      Require.notBlank(code, "code");
      Require.maxLength(code, MAX_LENGTH, "code");
    }

    @Override
    public String toString() {
      return "CompleteOAuthCommand[provider=" + provider + ", caller=" + caller + ", state=***, code=***]";
    }
  }

  interface StartOAuthConnection {
    /**
     * Where to send the user's browser to grant va access to a mailbox of {@code provider} (GMAIL or OUTLOOK). The
     * URL carries a signed, single-use state naming the user; it expires after a few minutes.
     *
     * @throws dev.va.application.mail.ProviderNotConfiguredException when the provider's OAuth client is not
     *     configured
     */
    URI start(UserId user, MailProviderType provider);
  }

  interface CompleteOAuthConnection {
    /**
     * Exchanges the code for credentials and connects the mailbox of the address the provider vouches for: a new
     * account (its sync scheduled, the first one at once), or, when the state's user already has that address with
     * this provider, the same account with the new credentials, ACTIVE again (how a NEEDS_REAUTH account recovers).
     * An invalid, expired, used or foreign state is refused on field {@code state}, a code the provider refuses on
     * {@code code}.
     *
     * @throws dev.va.application.mail.ProviderNotConfiguredException when the provider's OAuth client is not
     *     configured
     * @throws dev.va.application.port.out.DuplicateException naming {@code email} when the address is connected
     *     through another provider
     */
    EmailAccount complete(CompleteOAuthCommand command);
  }

  interface ListAccounts {
    /** Oldest first. */
    List<EmailAccount> list(UserId user);
  }

  interface GetAccount {
    EmailAccount get(UserId user, EmailAccountId id);
  }

  interface RemoveAccount {
    /** Deletes the account, its messages and its scheduled sync. */
    void remove(UserId user, EmailAccountId id, RequestMeta meta);
  }

  interface SyncAccountNow {
    /**
     * Queues a sync of the account now, even one that backs off after errors or waits for new credentials.
     * While a sync of the account is queued or running, returns that job instead of queueing another.
     */
    Job syncNow(UserId user, EmailAccountId id, RequestMeta meta);
  }

  interface ListMessages {
    /** The owner's messages that pass the query's filters, newest first. */
    Page<EmailMessage> list(MessageQuery query);
  }

  interface ListProcessedMessages {
    /** Like {@link ListMessages}, limited to messages triage has processed. */
    Page<EmailMessage> listProcessed(MessageQuery query);
  }

  interface GetMessage {
    EmailMessage get(UserId user, EmailMessageId id);
  }
}
