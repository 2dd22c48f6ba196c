package dev.va.application.mail;

import dev.va.application.audit.AuditTrail;
import dev.va.application.oauth.InvalidOAuthStateException;
import dev.va.application.oauth.OAuthStateService;
import dev.va.application.port.in.MailUseCases.CompleteOAuthCommand;
import dev.va.application.port.in.MailUseCases.CompleteOAuthConnection;
import dev.va.application.port.in.MailUseCases.StartOAuthConnection;
import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.MailAccountChanges;
import dev.va.application.port.out.MailAuthorization;
import dev.va.application.port.out.MailAuthorization.AuthorizationException;
import dev.va.application.port.out.MailAuthorization.Authorized;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.UserRepository;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.UserId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Connecting a Gmail or Outlook mailbox with the OAuth 2 authorization-code flow and PKCE. {@link #start} makes the
 * provider's consent URL with a signed single-use state ({@link OAuthStateService}), so nothing is stored until the
 * browser comes back; {@link #complete} checks that state, exchanges the code ({@link MailAuthorization}) and stores
 * the account with its scheduled sync, or gives an account the user already has new credentials.
 *
 * <p>Gmail accounts are read through the Gmail API; Outlook accounts over IMAP and SMTP with XOAUTH2 at the
 * {@link OutlookServers} (Exchange Online unless configured otherwise), the address logging in.
 */
public final class ConnectOAuthAccount implements StartOAuthConnection, CompleteOAuthConnection {
  /** The IMAP and SMTP servers an Outlook account is connected to. */
  public record OutlookServers(ServerEndpoint imap, ServerEndpoint smtp) {
    /** Exchange Online (Microsoft 365), as Microsoft documents it for OAuth clients. */
    public static final OutlookServers EXCHANGE_ONLINE = new OutlookServers(
        new ServerEndpoint("outlook.office365.com", 993, ServerEndpoint.Security.TLS),
        new ServerEndpoint("smtp.office365.com", 587, ServerEndpoint.Security.STARTTLS));

    public OutlookServers {
      if (imap == null || smtp == null) throw new IllegalArgumentException("imap and smtp servers are required");
    }
  }

  private static final Set<MailProviderType> OAUTH_PROVIDERS = Set.of(MailProviderType.GMAIL, MailProviderType.OUTLOOK);

  private final EmailAccountRepository accounts;
  private final UserRepository users;
  private final MailAuthorization authorization;
  private final OAuthStateService states;
  private final Clock clock;
  private final AccountEnrollment enrollment;
  private final OutlookServers outlook;

  /** Outlook accounts at Exchange Online. */
  public ConnectOAuthAccount(EmailAccountRepository accounts, ScheduledTaskRepository tasks, JobQueue queue,
      UserRepository users, MailAuthorization authorization, OAuthStateService states, AuditTrail audit,
      MailAccountChanges changes, Clock clock, Duration syncInterval) {
    this(accounts, tasks, queue, users, authorization, states, audit, changes, clock, syncInterval,
        OutlookServers.EXCHANGE_ONLINE);
  }

  public ConnectOAuthAccount(EmailAccountRepository accounts, ScheduledTaskRepository tasks, JobQueue queue,
      UserRepository users, MailAuthorization authorization, OAuthStateService states, AuditTrail audit,
      MailAccountChanges changes, Clock clock, Duration syncInterval, OutlookServers outlook) {
    if (outlook == null) throw new IllegalArgumentException("outlook servers are required");
    this.outlook = outlook;
    this.enrollment = new AccountEnrollment(accounts, tasks, queue, audit, changes, clock, syncInterval);
    this.accounts = accounts;
    this.users = users;
    this.authorization = authorization;
    this.states = states;
    this.clock = clock;
  }

  @Override
  public URI start(UserId user, MailProviderType provider) {
    requireConfigured(provider);
    OAuthStateService.Start flow = states.start(user, provider);
    return authorization.authorizationUrl(provider, flow.state(), flow.codeChallenge());
  }

  @Override
  public EmailAccount complete(CompleteOAuthCommand command) {
    MailProviderType provider = command.provider();
    requireConfigured(provider);
    OAuthStateService.Verified flow = verify(command);
    UserId user = flow.userId();
    Authorized granted;
    try {
      granted = authorization.exchange(provider, command.code(), flow.codeVerifier());
    } catch (AuthorizationException e) {
      if (!e.refused()) throw e;
      throw new DomainValidationException("code",
          "the provider refused the authorization code (" + e.getMessage() + "); connect the account again");
    }
    EmailAddress address = addressOf(granted);
    Optional<EmailAccount> existing = enrollment.find(user, address);
    if (existing.isPresent()) return reauthorize(existing.get(), provider, granted, command);
    Instant now = clock.instant();
    boolean imap = provider == MailProviderType.OUTLOOK; // Gmail goes through its API
    EmailAccount account = new EmailAccount(EmailAccountId.random(), user, provider, address, null,
        imap ? outlook.imap() : null, imap ? outlook.smtp() : null, null, granted.credentials(),
        AccountStatus.ACTIVE, null, null, null, 0, null, now, now);
    enrollment.enroll(account, command.meta());
    return account;
  }

  /** The state's flow, once the state proved to be ours, unused, unexpired, of this provider and this caller. */
  private OAuthStateService.Verified verify(CompleteOAuthCommand command) {
    OAuthStateService.Verified verified;
    try {
      verified = states.verify(command.state());
    } catch (InvalidOAuthStateException e) {
      throw new DomainValidationException("state", "the state was refused (" + e.getMessage()
          + "); connect the account again");
    }
    if (verified.provider() != command.provider()) {
      throw new DomainValidationException("state", "the state was issued for another provider");
    }
    if (command.caller() != null && !command.caller().equals(verified.userId())) {
      throw new DomainValidationException("state", "the state was issued to another user");
    }
    // the state outlives neither its user nor the flow: a deleted user's state connects nothing
    if (users.findById(verified.userId()).isEmpty()) {
      throw new DomainValidationException("state", "the user who started this connection no longer exists");
    }
    return verified;
  }

  private static EmailAddress addressOf(Authorized granted) {
    if (granted.email() == null) {
      throw new DomainValidationException("code", "the provider did not tell the address of the mailbox");
    }
    try {
      return EmailAddress.of(granted.email());
    } catch (DomainValidationException e) {
      throw new DomainValidationException("code", "the provider vouched for an unusable address: " + e.getMessage());
    }
  }

  /** Same user, same address: the account gets the new credentials and syncs at once. */
  private EmailAccount reauthorize(EmailAccount account, MailProviderType provider, Authorized granted,
      CompleteOAuthCommand command) {
    if (account.provider() != provider) {
      throw new DuplicateException("email",
          AccountEnrollment.ALREADY_CONNECTED + " (provider " + account.provider() + ")");
    }
    EmailAccount renewed = account.reauthorized(granted.credentials(), clock.instant());
    accounts.update(renewed);
    enrollment.connected(renewed, command.meta(), Map.of("reauthorized", "true"));
    enrollment.queueSync(renewed.userId(), renewed.id(), false);
    return renewed;
  }

  private void requireConfigured(MailProviderType provider) {
    if (!OAUTH_PROVIDERS.contains(provider) || !authorization.providers().contains(provider)) {
      throw new ProviderNotConfiguredException(provider);
    }
  }
}
