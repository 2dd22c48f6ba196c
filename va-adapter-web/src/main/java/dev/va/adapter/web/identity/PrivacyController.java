package dev.va.adapter.web.identity;

import dev.va.adapter.web.RequestContext;
import dev.va.adapter.web.WebServer;
import dev.va.adapter.web.http.ErrorResponse;
import dev.va.application.port.in.PrivacyUseCases.DeleteAccount;
import dev.va.application.port.in.PrivacyUseCases.DeleteAccountCommand;
import dev.va.application.port.in.PrivacyUseCases.ExportUserData;
import dev.va.application.port.in.PrivacyUseCases.ListAuditEvents;
import dev.va.application.port.in.PrivacyUseCases.UserData;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.audit.AuditEvent;
import io.javalin.http.Context;
import io.javalin.http.Header;
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
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** What va records about the caller: the audit log, the data export, and deletion of the account. */
public final class PrivacyController {
  private static final int DEFAULT_AUDIT_LIMIT = 50;

  /** One recorded action of the caller. */
  public record AuditEventView(
      String id,
      String action,
      @OpenApiName("target_type") String targetType,
      @OpenApiName("target_id") String targetId,
      @OpenApiName("occurred_at") Instant occurredAt,
      @OpenApiName("request_id") String requestId,
      @OpenApiName("client_address") String clientAddress,
      Map<String, String> details) {

    static AuditEventView of(AuditEvent e) {
      return new AuditEventView(e.id().toString(), e.action(), e.targetType(), e.targetId(), e.occurredAt(),
          e.requestId(), e.clientAddress(), e.details());
    }
  }

  /** A page of the audit log, newest first; {@code next_cursor} is null on the last page. */
  public record AuditPage(List<AuditEventView> items, @OpenApiName("next_cursor") String nextCursor) {}

  /** Deleting the account needs the password again. */
  public record DeleteAccountRequest(@OpenApiRequired String password) {
    @Override
    public String toString() {
      return "DeleteAccountRequest[password=***]";
    }
  }

  private final ListAuditEvents listAuditEvents;
  private final ExportUserData exportUserData;
  private final DeleteAccount deleteAccount;
  private final ExportArchive archive;
  private final Clock clock;

  @Inject
  public PrivacyController(ListAuditEvents listAuditEvents, ExportUserData exportUserData,
      DeleteAccount deleteAccount, ExportArchive archive, Clock clock) {
    this.listAuditEvents = listAuditEvents;
    this.exportUserData = exportUserData;
    this.deleteAccount = deleteAccount;
    this.archive = archive;
    this.clock = clock;
  }

  @OpenApi(
      path = IdentityRoutes.AUDIT,
      methods = HttpMethod.GET,
      operationId = "listAuditEvents",
      summary = "The caller's audit log, newest first",
      tags = "privacy",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      queryParams = {
        @OpenApiParam(name = "limit", type = Integer.class, description = "page size, 1 to 200 (default 50)"),
        @OpenApiParam(name = "cursor", description = "next_cursor of the previous page")
      },
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = AuditPage.class)),
        @OpenApiResponse(status = "400", description = "invalid limit or cursor",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void audit(Context ctx) {
    int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(DEFAULT_AUDIT_LIMIT);
    String cursor = ctx.queryParam("cursor");
    Page<AuditEvent> page = listAuditEvents.list(Auth.user(ctx),
        new PageRequest(limit, cursor == null || cursor.isBlank() ? null : cursor));
    ctx.json(new AuditPage(page.items().stream().map(AuditEventView::of).toList(), page.nextCursor()));
  }

  @OpenApi(
      path = IdentityRoutes.EXPORT,
      methods = HttpMethod.GET,
      operationId = "exportUserData",
      summary = "Everything va holds about the caller, as a zip of JSON documents",
      description = "Entries: user.json, accounts.json (without credentials), messages.json, rules.json, tasks.json, "
          + "jobs.json, analyses.json, audit.json.",
      tags = "privacy",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(mimeType = "application/zip", type = "string",
            format = "binary")),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void export(Context ctx) {
    Instant now = clock.instant();
    UserData data = exportUserData.export(Auth.user(ctx), RequestContext.of(ctx).meta());
    String fileName = "va-export-" + LocalDate.ofInstant(now, ZoneOffset.UTC) + ".zip";
    ctx.header(Header.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
        .header(Header.CACHE_CONTROL, "no-store")
        .contentType("application/zip")
        .result(archive.zip(data, now));
  }

  @OpenApi(
      path = IdentityRoutes.ME,
      methods = HttpMethod.DELETE,
      operationId = "deleteAccount",
      summary = "Delete the caller's account and everything it owns",
      tags = "privacy",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = DeleteAccountRequest.class)),
      responses = {
        @OpenApiResponse(status = "204"),
        @OpenApiResponse(status = "400", description = "password missing or wrong",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "429", description = "too many wrong passwords for this account; see Retry-After",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void deleteAccount(Context ctx) {
    DeleteAccountRequest in = ctx.bodyAsClass(DeleteAccountRequest.class);
    deleteAccount.delete(new DeleteAccountCommand(Auth.user(ctx), in.password(), RequestContext.of(ctx).meta()));
    ctx.status(HttpStatus.NO_CONTENT);
  }
}
