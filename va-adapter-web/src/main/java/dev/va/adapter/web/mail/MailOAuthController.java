package dev.va.adapter.web.mail;

import dev.va.adapter.web.RequestContext;
import dev.va.adapter.web.WebServer;
import dev.va.adapter.web.http.ErrorResponse;
import dev.va.adapter.web.identity.Auth;
import dev.va.application.port.in.MailUseCases.CompleteOAuthCommand;
import dev.va.application.port.in.MailUseCases.CompleteOAuthConnection;
import dev.va.application.port.in.MailUseCases.StartOAuthConnection;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.shared.DomainValidationException;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import jakarta.inject.Inject;
import java.net.URI;

/**
 * The OAuth connection of Gmail and Outlook mailboxes. Authorize sends the signed-in user's browser to the provider's
 * consent page (or tells the URL); the provider sends the browser back to the callback with {@code state} and
 * {@code code}, or with {@code error} when the user declined.
 */
public final class MailOAuthController {
  /** Where to send the browser: the provider's consent page, with a single-use state valid for 10 minutes. */
  public record AuthorizationUrl(@OpenApiName("authorization_url") String authorizationUrl) {}

  /** The mailbox the callback connected ({@code status} is {@code connected}). */
  public record Connected(String status, AccountView account) {
    static Connected of(EmailAccount account) {
      return new Connected("connected", AccountView.of(account));
    }
  }

  private static final String NO_STORE = "no-store";
  private static final int MAX_ERROR_LENGTH = 64;

  private final StartOAuthConnection start;
  private final CompleteOAuthConnection complete;

  @Inject
  public MailOAuthController(StartOAuthConnection start, CompleteOAuthConnection complete) {
    this.start = start;
    this.complete = complete;
  }

  @OpenApi(
      path = MailOAuthRoutes.GMAIL_AUTHORIZE,
      methods = HttpMethod.GET,
      operationId = "authorizeGmail",
      summary = "Start connecting a Gmail mailbox",
      description = "Redirects (302) to Google's consent page; with redirect=false answers the URL instead, for a "
          + "client that opens it itself. Google then sends the browser to the Gmail callback.",
      tags = "email",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      queryParams = @OpenApiParam(name = "redirect", type = Boolean.class,
          description = "false: answer {authorization_url} rather than redirect (default true)"),
      responses = {
        @OpenApiResponse(status = "200", description = "with redirect=false",
            content = @OpenApiContent(from = AuthorizationUrl.class)),
        @OpenApiResponse(status = "302", description = "to the consent page (Location)"),
        @OpenApiResponse(status = "400", description = "redirect is not a boolean",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", description = "provider_not_configured: no Google OAuth client is set up",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void authorizeGmail(Context ctx) {
    authorize(ctx, MailProviderType.GMAIL);
  }

  @OpenApi(
      path = MailOAuthRoutes.GMAIL_CALLBACK,
      methods = HttpMethod.GET,
      operationId = "gmailCallback",
      summary = "Where Google sends the browser back: connects the Gmail mailbox",
      description = "Public: the signed single-use state names the user who started. Creates the account (its first "
          + "sync runs at once) or, for an address the user already connected, renews its credentials and makes it "
          + "ACTIVE again. Answers HTML to a browser (Accept: text/html), else JSON.",
      tags = "email",
      queryParams = {
        @OpenApiParam(name = "state", description = "the state of the authorization URL"),
        @OpenApiParam(name = "code", description = "the authorization code"),
        @OpenApiParam(name = "error", description = "set by the provider when access was not granted")
      },
      responses = {
        @OpenApiResponse(status = "200", content = {
          @OpenApiContent(from = Connected.class),
          @OpenApiContent(type = "string", mimeType = "text/html")
        }),
        @OpenApiResponse(status = "400", description = "'state' when it is invalid, expired, used, of another "
            + "provider or another user; 'code' when the provider refused it; 'error' when access was not granted",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", description = "provider_not_configured",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "the address is connected through another provider",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "502", description = "provider_unavailable: the token endpoint failed",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void gmailCallback(Context ctx) {
    callback(ctx, MailProviderType.GMAIL);
  }

  @OpenApi(
      path = MailOAuthRoutes.MICROSOFT_AUTHORIZE,
      methods = HttpMethod.GET,
      operationId = "authorizeMicrosoft",
      summary = "Start connecting an Outlook (Microsoft 365) mailbox",
      description = "Redirects (302) to Microsoft's consent page; with redirect=false answers the URL instead. The "
          + "mailbox is then read over IMAP and SMTP with OAuth at Exchange Online (outlook.office365.com) or the "
          + "servers configured instead.",
      tags = "email",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      queryParams = @OpenApiParam(name = "redirect", type = Boolean.class,
          description = "false: answer {authorization_url} rather than redirect (default true)"),
      responses = {
        @OpenApiResponse(status = "200", description = "with redirect=false",
            content = @OpenApiContent(from = AuthorizationUrl.class)),
        @OpenApiResponse(status = "302", description = "to the consent page (Location)"),
        @OpenApiResponse(status = "400", description = "redirect is not a boolean",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", description = "provider_not_configured: no Microsoft OAuth client is set up",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void authorizeMicrosoft(Context ctx) {
    authorize(ctx, MailProviderType.OUTLOOK);
  }

  @OpenApi(
      path = MailOAuthRoutes.MICROSOFT_CALLBACK,
      methods = HttpMethod.GET,
      operationId = "microsoftCallback",
      summary = "Where Microsoft sends the browser back: connects the Outlook mailbox",
      description = "Public, like the Gmail callback, and answering the same way.",
      tags = "email",
      queryParams = {
        @OpenApiParam(name = "state", description = "the state of the authorization URL"),
        @OpenApiParam(name = "code", description = "the authorization code"),
        @OpenApiParam(name = "error", description = "set by the provider when access was not granted")
      },
      responses = {
        @OpenApiResponse(status = "200", content = {
          @OpenApiContent(from = Connected.class),
          @OpenApiContent(type = "string", mimeType = "text/html")
        }),
        @OpenApiResponse(status = "400", description = "'state', 'code' or 'error', as for Gmail",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", description = "provider_not_configured",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "the address is connected through another provider",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "502", description = "provider_unavailable: the token endpoint failed",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void microsoftCallback(Context ctx) {
    callback(ctx, MailProviderType.OUTLOOK);
  }

  private void authorize(Context ctx, MailProviderType provider) {
    boolean redirect = redirect(ctx.queryParam("redirect"));
    URI url = start.start(Auth.user(ctx), provider);
    // the URL holds a single-use state: no cache may keep or replay it
    ctx.header(Header.CACHE_CONTROL, NO_STORE);
    if (redirect) {
      ctx.redirect(url.toString(), HttpStatus.FOUND);
    } else {
      ctx.json(new AuthorizationUrl(url.toString()));
    }
  }

  private void callback(Context ctx, MailProviderType provider) {
    String error = ctx.queryParam("error");
    if (error != null) {
      throw new DomainValidationException("error", "the provider did not grant access (" + errorCode(error) + ")");
    }
    EmailAccount account = complete.complete(new CompleteOAuthCommand(provider, ctx.queryParam("state"),
        ctx.queryParam("code"), Auth.caller(ctx).orElse(null), RequestContext.of(ctx).meta()));
    ctx.header(Header.CACHE_CONTROL, NO_STORE);
    String accept = ctx.header(Header.ACCEPT);
    if (accept != null && accept.contains("text/html")) {
      ctx.html(page(account));
    } else {
      ctx.json(Connected.of(account));
    }
  }

  /** Javalin reads any word but "true" as false: a typo must not silently change the answer. */
  private static boolean redirect(String value) {
    if (value == null || value.equalsIgnoreCase("true")) return true;
    if (value.equalsIgnoreCase("false")) return false;
    throw new DomainValidationException("redirect", "redirect must be true or false");
  }

  /** RFC 6749 error codes are short ASCII words; anything else is not echoed. */
  private static String errorCode(String error) {
    return error.matches("[A-Za-z0-9_.-]{1," + MAX_ERROR_LENGTH + "}") ? error : "unrecognised error";
  }

  /** What the browser shows at the end of the flow: static text, no script. */
  private static String page(EmailAccount account) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Mailbox connected - va</title>"
        + "</head><body><h1>Mailbox connected</h1><p>" + escape(account.address().value()) + " is connected to va "
        + "and syncs now. You can close this window.</p></body></html>";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
