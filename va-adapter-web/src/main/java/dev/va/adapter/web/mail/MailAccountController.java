package dev.va.adapter.web.mail;

import dev.va.adapter.web.RequestContext;
import dev.va.adapter.web.WebServer;
import dev.va.adapter.web.http.ErrorResponse;
import dev.va.adapter.web.identity.Auth;
import dev.va.application.port.in.MailUseCases.ConnectImapAccount;
import dev.va.application.port.in.MailUseCases.ConnectImapAccountCommand;
import dev.va.application.port.in.MailUseCases.GetAccount;
import dev.va.application.port.in.MailUseCases.ListAccounts;
import dev.va.application.port.in.MailUseCases.RemoveAccount;
import dev.va.application.port.in.MailUseCases.SyncAccountNow;
import dev.va.domain.job.Job;
import dev.va.domain.mail.EmailAccountId;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiRequired;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import jakarta.inject.Inject;
import java.util.List;

/** The caller's connected mailboxes. */
public final class MailAccountController {

  /**
   * A mailbox reached over IMAP with a password (Outlook and most hosted mail: an app password). Missing IMAP port
   * and security mean 993 over TLS; missing SMTP port and security 587 with STARTTLS; without {@code smtp_host} the
   * account syncs but cannot send replies. Without {@code username} the address logs in. Security is one of
   * {@code tls}, {@code starttls}, {@code none}.
   */
  public record ConnectAccountRequest(
      @OpenApiRequired String email,
      @OpenApiName("display_name") String displayName,
      @OpenApiRequired @OpenApiName("imap_host") String imapHost,
      @OpenApiName("imap_port") Integer imapPort,
      @OpenApiName("imap_security") String imapSecurity,
      @OpenApiName("smtp_host") String smtpHost,
      @OpenApiName("smtp_port") Integer smtpPort,
      @OpenApiName("smtp_security") String smtpSecurity,
      String username,
      @OpenApiRequired String password) {
    @Override
    public String toString() {
      return "ConnectAccountRequest[email=" + email + ", imap_host=" + imapHost + ", smtp_host=" + smtpHost
          + ", username=" + username + ", password=***]";
    }
  }

  /** The caller's accounts, oldest first. */
  public record AccountList(List<AccountView> items) {}

  /** The queued sync job ({@code QUEUED}, or the state of the sync already waiting or running). */
  public record SyncAccepted(@OpenApiName("job_id") String jobId, String status) {
    static SyncAccepted of(Job job) {
      return new SyncAccepted(job.id().toString(), job.status().name());
    }
  }

  private final ConnectImapAccount connect;
  private final ListAccounts listAccounts;
  private final GetAccount getAccount;
  private final RemoveAccount removeAccount;
  private final SyncAccountNow syncNow;

  @Inject
  public MailAccountController(ConnectImapAccount connect, ListAccounts listAccounts, GetAccount getAccount,
      RemoveAccount removeAccount, SyncAccountNow syncNow) {
    this.connect = connect;
    this.listAccounts = listAccounts;
    this.getAccount = getAccount;
    this.removeAccount = removeAccount;
    this.syncNow = syncNow;
  }

  static EmailAccountId accountId(Context ctx) {
    return EmailAccountId.parse(ctx.pathParam("id"), "id");
  }

  @OpenApi(
      path = MailRoutes.ACCOUNTS,
      methods = HttpMethod.POST,
      operationId = "connectEmailAccount",
      summary = "Connect an IMAP mailbox",
      description = "Logs in to the IMAP (then SMTP) server first; the password is stored only encrypted. The first "
          + "sync runs at once, then every few minutes.",
      tags = "email",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = ConnectAccountRequest.class)),
      responses = {
        @OpenApiResponse(status = "201", content = @OpenApiContent(from = AccountView.class)),
        @OpenApiResponse(status = "400", description = "invalid field; 'password' when the server refused the login, "
            + "'imap_host' or 'smtp_host' when that server could not be reached or used",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "the caller already connected this address",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void connect(Context ctx) {
    ConnectAccountRequest in = ctx.bodyAsClass(ConnectAccountRequest.class);
    ConnectImapAccountCommand command = ConnectImapAccountCommand.of(Auth.user(ctx), in.email(), in.displayName(),
        in.imapHost(), in.imapPort(), in.imapSecurity(), in.smtpHost(), in.smtpPort(), in.smtpSecurity(),
        in.username(), in.password(), RequestContext.of(ctx).meta());
    ctx.status(HttpStatus.CREATED).json(AccountView.of(connect.connect(command)));
  }

  @OpenApi(
      path = MailRoutes.ACCOUNTS,
      methods = HttpMethod.GET,
      operationId = "listEmailAccounts",
      summary = "The caller's mailboxes, oldest first",
      tags = "email",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = AccountList.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void list(Context ctx) {
    ctx.json(new AccountList(listAccounts.list(Auth.user(ctx)).stream().map(AccountView::of).toList()));
  }

  @OpenApi(
      path = MailRoutes.ACCOUNT,
      methods = HttpMethod.GET,
      operationId = "getEmailAccount",
      summary = "One of the caller's mailboxes, with its sync state",
      tags = "email",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true, description = "account id"),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = AccountView.class)),
        @OpenApiResponse(status = "400", description = "invalid id",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void show(Context ctx) {
    ctx.json(AccountView.of(getAccount.get(Auth.user(ctx), accountId(ctx))));
  }

  @OpenApi(
      path = MailRoutes.ACCOUNT,
      methods = HttpMethod.DELETE,
      operationId = "removeEmailAccount",
      summary = "Disconnect a mailbox: its synced messages and scheduled sync go with it",
      tags = "email",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true, description = "account id"),
      responses = {
        @OpenApiResponse(status = "204"),
        @OpenApiResponse(status = "400", description = "invalid id",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void remove(Context ctx) {
    removeAccount.remove(Auth.user(ctx), accountId(ctx), RequestContext.of(ctx).meta());
    ctx.status(HttpStatus.NO_CONTENT);
  }

  @OpenApi(
      path = MailRoutes.ACCOUNT_SYNC,
      methods = HttpMethod.POST,
      operationId = "syncEmailAccount",
      summary = "Sync a mailbox now",
      description = "Queues a sync, also of an account that backs off after errors or waits for new credentials. "
          + "While one is queued or running, answers with that job instead of queueing another.",
      tags = "email",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true, description = "account id"),
      responses = {
        @OpenApiResponse(status = "202", content = @OpenApiContent(from = SyncAccepted.class)),
        @OpenApiResponse(status = "400", description = "invalid id",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void sync(Context ctx) {
    Job job = syncNow.syncNow(Auth.user(ctx), accountId(ctx), RequestContext.of(ctx).meta());
    ctx.status(HttpStatus.ACCEPTED).json(SyncAccepted.of(job));
  }
}
