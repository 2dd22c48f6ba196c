package dev.va.adapter.web.mail;

import dev.va.adapter.web.WebServer;
import dev.va.adapter.web.http.ErrorResponse;
import dev.va.adapter.web.identity.Auth;
import dev.va.application.port.in.MailUseCases.GetMessage;
import dev.va.application.port.in.MailUseCases.ListMessages;
import dev.va.application.port.in.MailUseCases.ListProcessedMessages;
import dev.va.application.port.out.Page;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import jakarta.inject.Inject;
import java.util.List;

/** The caller's synced messages. */
public final class MailMessageController {
  /** A page of messages, newest first; {@code next_cursor} is null on the last page. */
  public record MessagePage(List<MessageSummaryView> items, @OpenApiName("next_cursor") String nextCursor) {
    static MessagePage of(Page<EmailMessage> page) {
      return new MessagePage(page.items().stream().map(MessageSummaryView::of).toList(), page.nextCursor());
    }
  }

  private final ListMessages listMessages;
  private final ListProcessedMessages listProcessed;
  private final GetMessage getMessage;

  @Inject
  public MailMessageController(ListMessages listMessages, ListProcessedMessages listProcessed,
      GetMessage getMessage) {
    this.listMessages = listMessages;
    this.listProcessed = listProcessed;
    this.getMessage = getMessage;
  }

  @OpenApi(
      path = MailRoutes.MESSAGES,
      methods = HttpMethod.GET,
      operationId = "listEmailMessages",
      summary = "The caller's messages, newest first, filtered",
      tags = "email",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      queryParams = {
        @OpenApiParam(name = "account_id", description = "only this account's messages"),
        @OpenApiParam(name = "category", description = "triage category, e.g. important, newsletter"),
        @OpenApiParam(name = "flagged", type = Boolean.class, description = "true or false"),
        @OpenApiParam(name = "processed", type = Boolean.class, description = "whether triage has run: true or false"),
        @OpenApiParam(name = "from", description = "received at or after: a time with offset or a UTC date"),
        @OpenApiParam(name = "to", description = "received before: a time with offset, or a UTC date (included)"),
        @OpenApiParam(name = "q", description = "text in the subject or sender, case-insensitive"),
        @OpenApiParam(name = "limit", type = Integer.class, description = "page size, 1 to 200 (default 50)"),
        @OpenApiParam(name = "cursor", description = "next_cursor of the previous page")
      },
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = MessagePage.class)),
        @OpenApiResponse(status = "400", description = "invalid parameter, named in 'field'",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void list(Context ctx) {
    ctx.json(MessagePage.of(listMessages.list(MessageFilters.read(ctx, Auth.user(ctx), true))));
  }

  @OpenApi(
      path = MailRoutes.JOBS,
      methods = HttpMethod.GET,
      operationId = "listProcessedEmailMessages",
      summary = "The caller's processed messages (triage has run), newest first, filtered",
      tags = "email",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      queryParams = {
        @OpenApiParam(name = "account_id", description = "only this account's messages"),
        @OpenApiParam(name = "category", description = "triage category, e.g. important, newsletter"),
        @OpenApiParam(name = "flagged", type = Boolean.class, description = "true or false"),
        @OpenApiParam(name = "from", description = "received at or after: a time with offset or a UTC date"),
        @OpenApiParam(name = "to", description = "received before: a time with offset, or a UTC date (included)"),
        @OpenApiParam(name = "q", description = "text in the subject or sender, case-insensitive"),
        @OpenApiParam(name = "limit", type = Integer.class, description = "page size, 1 to 200 (default 50)"),
        @OpenApiParam(name = "cursor", description = "next_cursor of the previous page")
      },
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = MessagePage.class)),
        @OpenApiResponse(status = "400", description = "invalid parameter, named in 'field'",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void processed(Context ctx) {
    ctx.json(MessagePage.of(listProcessed.listProcessed(MessageFilters.read(ctx, Auth.user(ctx), false))));
  }

  @OpenApi(
      path = MailRoutes.MESSAGE,
      methods = HttpMethod.GET,
      operationId = "getEmailMessage",
      summary = "One message with all its headers, text body, attachment metadata, triage and parse warnings",
      tags = "email",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true, description = "message id"),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = MessageView.class)),
        @OpenApiResponse(status = "400", description = "invalid id",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void show(Context ctx) {
    ctx.json(MessageView.of(getMessage.get(Auth.user(ctx), EmailMessageId.parse(ctx.pathParam("id"), "id"))));
  }
}
