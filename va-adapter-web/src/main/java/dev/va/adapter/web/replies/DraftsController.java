package dev.va.adapter.web.replies;

import dev.va.adapter.web.RequestContext;
import dev.va.adapter.web.WebServer;
import dev.va.adapter.web.http.ErrorResponse;
import dev.va.adapter.web.identity.Auth;
import dev.va.application.port.in.DraftUseCases.ApproveDraft;
import dev.va.application.port.in.DraftUseCases.DraftState;
import dev.va.application.port.in.DraftUseCases.EditDraft;
import dev.va.application.port.in.DraftUseCases.EditDraftCommand;
import dev.va.application.port.in.DraftUseCases.GetDraft;
import dev.va.application.port.in.DraftUseCases.ListDrafts;
import dev.va.application.port.in.DraftUseCases.RejectDraft;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.reply.DraftStatus;
import dev.va.domain.reply.ReplyDraft;
import dev.va.domain.reply.ReplyDraftId;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Reply drafts the caller's rules prepared. Nothing is sent until the caller approves a draft; then it is sent once,
 * through the outbox. A draft written without a template holds a placeholder to replace before approving (drafts
 * written by a language model may come later).
 */
public final class DraftsController {
  static final int DEFAULT_LIMIT = 50;

  /** New text; absent fields stay. */
  public record EditDraftRequest(
      @OpenApiDescription("one line") String subject,
      String body,
      @OpenApiDescription("the version this change was made against") Integer version) {}

  /** Acts on the draft as it reads at {@code version} (absent: as it reads now). */
  public record DecisionRequest(Integer version) {}

  /** A page of drafts, newest first; {@code next_cursor} is null on the last page. */
  public record DraftPage(List<DraftView> items, @OpenApiName("next_cursor") String nextCursor) {}

  private final ListDrafts listDrafts;
  private final GetDraft getDraft;
  private final EditDraft editDraft;
  private final ApproveDraft approveDraft;
  private final RejectDraft rejectDraft;

  @Inject
  public DraftsController(ListDrafts listDrafts, GetDraft getDraft, EditDraft editDraft, ApproveDraft approveDraft,
      RejectDraft rejectDraft) {
    this.listDrafts = listDrafts;
    this.getDraft = getDraft;
    this.editDraft = editDraft;
    this.approveDraft = approveDraft;
    this.rejectDraft = rejectDraft;
  }

  @OpenApi(
      path = RepliesRoutes.DRAFTS,
      methods = HttpMethod.GET,
      operationId = "listDrafts",
      summary = "The caller's reply drafts, newest first",
      tags = "drafts",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      queryParams = {
        @OpenApiParam(name = "status", description = "pending, approved or rejected (default: all)"),
        @OpenApiParam(name = "limit", type = Integer.class, description = "page size, 1 to 200 (default 50)"),
        @OpenApiParam(name = "cursor", description = "next_cursor of the previous page")
      },
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = DraftPage.class)),
        @OpenApiResponse(status = "400", description = "invalid status, limit or cursor",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void list(Context ctx) {
    int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(DEFAULT_LIMIT);
    String cursor = ctx.queryParam("cursor");
    Page<ReplyDraft> page = listDrafts.list(Auth.user(ctx), Statuses.parse(ctx.queryParam("status"),
        DraftStatus.class), new PageRequest(limit, cursor == null || cursor.isBlank() ? null : cursor));
    ctx.json(new DraftPage(page.items().stream().map(DraftView::of).toList(), page.nextCursor()));
  }

  @OpenApi(
      path = RepliesRoutes.DRAFT,
      methods = HttpMethod.GET,
      operationId = "getDraft",
      summary = "A reply draft, with the outbox entry that sends it once approved",
      tags = "drafts",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = DraftView.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void show(Context ctx) {
    DraftState state = getDraft.get(Auth.user(ctx), id(ctx));
    ctx.json(DraftView.of(state.draft(), state.outbox()));
  }

  @OpenApi(
      path = RepliesRoutes.DRAFT,
      methods = HttpMethod.PATCH,
      operationId = "editDraft",
      summary = "Change a pending draft's subject or body",
      tags = "drafts",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = EditDraftRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = DraftView.class)),
        @OpenApiResponse(status = "400", description = "invalid subject or body",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "draft_approved, draft_rejected or version_conflict",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void edit(Context ctx) {
    EditDraftRequest in = ctx.bodyAsClass(EditDraftRequest.class);
    ctx.json(DraftView.of(editDraft.edit(new EditDraftCommand(Auth.user(ctx), id(ctx), in.version(), in.subject(),
        in.body(), RequestContext.of(ctx).meta()))));
  }

  @OpenApi(
      path = RepliesRoutes.DRAFT_APPROVE,
      methods = HttpMethod.POST,
      operationId = "approveDraft",
      summary = "Approve a draft: it is sent once, through the outbox",
      description = "Approving an approved draft again sends nothing more.",
      tags = "drafts",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      requestBody = @OpenApiRequestBody(content = @OpenApiContent(from = DecisionRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = DraftView.class)),
        @OpenApiResponse(status = "400", description = "the body still holds the placeholder",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "draft_rejected or version_conflict",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void approve(Context ctx) {
    DraftState state = approveDraft.approve(Auth.user(ctx), id(ctx), decision(ctx).version(),
        RequestContext.of(ctx).meta());
    ctx.json(DraftView.of(state.draft(), state.outbox()));
  }

  @OpenApi(
      path = RepliesRoutes.DRAFT_REJECT,
      methods = HttpMethod.POST,
      operationId = "rejectDraft",
      summary = "Reject a draft: it is never sent",
      tags = "drafts",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      requestBody = @OpenApiRequestBody(content = @OpenApiContent(from = DecisionRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = DraftView.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "draft_approved or version_conflict",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void reject(Context ctx) {
    ctx.json(DraftView.of(rejectDraft.reject(Auth.user(ctx), id(ctx), decision(ctx).version(),
        RequestContext.of(ctx).meta())));
  }

  private static DecisionRequest decision(Context ctx) {
    return ctx.body().isBlank() ? new DecisionRequest(null) : ctx.bodyAsClass(DecisionRequest.class);
  }

  private static ReplyDraftId id(Context ctx) {
    return ReplyDraftId.parse(ctx.pathParam("id"), "id");
  }
}
