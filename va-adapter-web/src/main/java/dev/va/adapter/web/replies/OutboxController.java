package dev.va.adapter.web.replies;

import dev.va.adapter.web.RequestContext;
import dev.va.adapter.web.WebServer;
import dev.va.adapter.web.http.ErrorResponse;
import dev.va.adapter.web.identity.Auth;
import dev.va.application.port.in.OutboxUseCases.GetOutboxEntry;
import dev.va.application.port.in.OutboxUseCases.ListOutbox;
import dev.va.application.port.in.OutboxUseCases.ResendOutboxEntry;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.OutboxEntryId;
import dev.va.domain.reply.OutboxStatus;
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

/**
 * The replies va sent for the caller, is sending, or decided not to send (with the reason). A reply is sent at most
 * once on its own; one whose fate is uncertain, or that failed, goes out again only when the caller asks.
 */
public final class OutboxController {
  static final int DEFAULT_LIMIT = 50;

  /** A page of the outbox, newest first; {@code next_cursor} is null on the last page. */
  public record OutboxPage(List<OutboxView> items, @OpenApiName("next_cursor") String nextCursor) {}

  private final ListOutbox listOutbox;
  private final GetOutboxEntry getEntry;
  private final ResendOutboxEntry resendEntry;

  @Inject
  public OutboxController(ListOutbox listOutbox, GetOutboxEntry getEntry, ResendOutboxEntry resendEntry) {
    this.listOutbox = listOutbox;
    this.getEntry = getEntry;
    this.resendEntry = resendEntry;
  }

  @OpenApi(
      path = RepliesRoutes.OUTBOX,
      methods = HttpMethod.GET,
      operationId = "listOutbox",
      summary = "Replies sent, being sent or suppressed, newest first",
      tags = "outbox",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      queryParams = {
        @OpenApiParam(name = "status",
            description = "pending, sending, sent, suppressed, failed or uncertain (default: all)"),
        @OpenApiParam(name = "limit", type = Integer.class, description = "page size, 1 to 200 (default 50)"),
        @OpenApiParam(name = "cursor", description = "next_cursor of the previous page")
      },
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = OutboxPage.class)),
        @OpenApiResponse(status = "400", description = "invalid status, limit or cursor",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void list(Context ctx) {
    int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(DEFAULT_LIMIT);
    String cursor = ctx.queryParam("cursor");
    Page<OutboxEntry> page = listOutbox.list(Auth.user(ctx), Statuses.parse(ctx.queryParam("status"),
        OutboxStatus.class), new PageRequest(limit, cursor == null || cursor.isBlank() ? null : cursor));
    ctx.json(new OutboxPage(page.items().stream().map(OutboxView::of).toList(), page.nextCursor()));
  }

  @OpenApi(
      path = RepliesRoutes.OUTBOX_ENTRY,
      methods = HttpMethod.GET,
      operationId = "getOutboxEntry",
      summary = "One reply of the outbox",
      tags = "outbox",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = OutboxView.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void show(Context ctx) {
    ctx.json(OutboxView.of(getEntry.get(Auth.user(ctx), id(ctx))));
  }

  @OpenApi(
      path = RepliesRoutes.OUTBOX_RESEND,
      methods = HttpMethod.POST,
      operationId = "resendOutboxEntry",
      summary = "Send an uncertain or failed reply again, with its original Message-ID",
      description = "An uncertain reply may have gone out already: the same Message-ID lets the recipient's mail "
          + "program recognise a copy.",
      tags = "outbox",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = OutboxView.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "not_resendable: only uncertain or failed replies",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void resend(Context ctx) {
    ctx.json(OutboxView.of(resendEntry.resend(Auth.user(ctx), id(ctx), RequestContext.of(ctx).meta())));
  }

  private static OutboxEntryId id(Context ctx) {
    return OutboxEntryId.parse(ctx.pathParam("id"), "id");
  }
}
