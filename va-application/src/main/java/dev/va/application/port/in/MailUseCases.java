package dev.va.application.port.in;

import dev.va.application.RequestMeta;
import dev.va.application.port.out.MessageQuery;
import dev.va.application.port.out.Page;
import dev.va.domain.job.Job;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
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
