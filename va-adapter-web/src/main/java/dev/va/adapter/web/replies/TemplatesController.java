package dev.va.adapter.web.replies;

import dev.va.adapter.web.RequestContext;
import dev.va.adapter.web.WebServer;
import dev.va.adapter.web.http.ErrorResponse;
import dev.va.adapter.web.identity.Auth;
import dev.va.application.port.in.TemplateUseCases.ApproveTemplate;
import dev.va.application.port.in.TemplateUseCases.CreateTemplate;
import dev.va.application.port.in.TemplateUseCases.CreateTemplateCommand;
import dev.va.application.port.in.TemplateUseCases.DeleteTemplate;
import dev.va.application.port.in.TemplateUseCases.GetTemplate;
import dev.va.application.port.in.TemplateUseCases.ListTemplates;
import dev.va.application.port.in.TemplateUseCases.ReplaceTemplate;
import dev.va.application.port.in.TemplateUseCases.ReplaceTemplateCommand;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.reply.ReplyTemplateId;
import dev.va.domain.user.UserId;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiRequired;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The caller's reply templates. Text may hold the placeholders {@code {{sender_name}}}, {@code {{sender_email}}} and
 * {@code {{subject}}}. Rules auto-reply only with an approved template; replacing the text withdraws the approval.
 */
public final class TemplatesController {
  static final String PLACEHOLDERS = "text with {{sender_name}}, {{sender_email}} or {{subject}}";

  /** A template's text: a new one, or (PUT) the whole new text of an existing one. */
  public record TemplateRequest(
      @OpenApiRequired @OpenApiDescription("at most 200 characters") String name,
      @OpenApiDescription("one line, at most 300 characters, " + PLACEHOLDERS + "; absent: \"Re: \" and the subject "
          + "answered") String subject,
      @OpenApiRequired @OpenApiDescription("plain text, at most 10000 characters, " + PLACEHOLDERS) String body,
      @OpenApiDescription("PUT only: the version the change was made against") Integer version) {}

  /** Approves the template as it reads at {@code version} (absent: as it reads now). */
  public record ApproveRequest(Integer version) {}

  /** The caller's templates, oldest first. */
  public record TemplateList(List<TemplateView> items) {}

  private final CreateTemplate createTemplate;
  private final ListTemplates listTemplates;
  private final GetTemplate getTemplate;
  private final ReplaceTemplate replaceTemplate;
  private final DeleteTemplate deleteTemplate;
  private final ApproveTemplate approveTemplate;

  @Inject
  public TemplatesController(CreateTemplate createTemplate, ListTemplates listTemplates, GetTemplate getTemplate,
      ReplaceTemplate replaceTemplate, DeleteTemplate deleteTemplate, ApproveTemplate approveTemplate) {
    this.createTemplate = createTemplate;
    this.listTemplates = listTemplates;
    this.getTemplate = getTemplate;
    this.replaceTemplate = replaceTemplate;
    this.deleteTemplate = deleteTemplate;
    this.approveTemplate = approveTemplate;
  }

  @OpenApi(
      path = RepliesRoutes.TEMPLATES,
      methods = HttpMethod.POST,
      operationId = "createTemplate",
      summary = "Create a reply template (not approved yet)",
      tags = "templates",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = TemplateRequest.class)),
      responses = {
        @OpenApiResponse(status = "201", content = @OpenApiContent(from = TemplateView.class)),
        @OpenApiResponse(status = "400", description = "invalid name, subject or body (e.g. an unknown placeholder)",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void create(Context ctx) {
    TemplateRequest in = ctx.bodyAsClass(TemplateRequest.class);
    ReplyTemplate template = createTemplate.create(new CreateTemplateCommand(Auth.user(ctx), in.name(),
        in.subject(), in.body(), RequestContext.of(ctx).meta()));
    ctx.header(Header.LOCATION, RepliesRoutes.TEMPLATES + "/" + template.id());
    ctx.status(HttpStatus.CREATED).json(TemplateView.of(template));
  }

  @OpenApi(
      path = RepliesRoutes.TEMPLATES,
      methods = HttpMethod.GET,
      operationId = "listTemplates",
      summary = "The caller's reply templates, oldest first",
      tags = "templates",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = TemplateList.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void list(Context ctx) {
    ctx.json(new TemplateList(listTemplates.list(Auth.user(ctx)).stream().map(TemplateView::of).toList()));
  }

  @OpenApi(
      path = RepliesRoutes.TEMPLATE,
      methods = HttpMethod.GET,
      operationId = "getTemplate",
      summary = "A reply template",
      tags = "templates",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = TemplateView.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void show(Context ctx) {
    ctx.json(TemplateView.of(getTemplate.get(Auth.user(ctx), id(ctx))));
  }

  @OpenApi(
      path = RepliesRoutes.TEMPLATE,
      methods = HttpMethod.PUT,
      operationId = "replaceTemplate",
      summary = "Replace a template's text; it needs approval again",
      tags = "templates",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = TemplateRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = TemplateView.class)),
        @OpenApiResponse(status = "400", description = "invalid name, subject or body",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "version_conflict: the template changed since that version",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void replace(Context ctx) {
    TemplateRequest in = ctx.bodyAsClass(TemplateRequest.class);
    ctx.json(TemplateView.of(replaceTemplate.replace(new ReplaceTemplateCommand(Auth.user(ctx), id(ctx),
        in.version(), in.name(), in.subject(), in.body(), RequestContext.of(ctx).meta()))));
  }

  @OpenApi(
      path = RepliesRoutes.TEMPLATE,
      methods = HttpMethod.DELETE,
      operationId = "deleteTemplate",
      summary = "Delete a reply template; rules naming it reply no more",
      tags = "templates",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      responses = {
        @OpenApiResponse(status = "204"),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void delete(Context ctx) {
    deleteTemplate.delete(Auth.user(ctx), id(ctx), RequestContext.of(ctx).meta());
    ctx.status(HttpStatus.NO_CONTENT);
  }

  @OpenApi(
      path = RepliesRoutes.TEMPLATE_APPROVE,
      methods = HttpMethod.POST,
      operationId = "approveTemplate",
      summary = "Approve a template for auto-replies, as it reads now",
      tags = "templates",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      requestBody = @OpenApiRequestBody(content = @OpenApiContent(from = ApproveRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = TemplateView.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "version_conflict: the text changed since that version",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void approve(Context ctx) {
    ApproveRequest in = ctx.body().isBlank() ? new ApproveRequest(null) : ctx.bodyAsClass(ApproveRequest.class);
    UserId user = Auth.user(ctx);
    ctx.json(TemplateView.of(approveTemplate.approve(user, id(ctx), in.version(), RequestContext.of(ctx).meta())));
  }

  private static ReplyTemplateId id(Context ctx) {
    return ReplyTemplateId.parse(ctx.pathParam("id"), "id");
  }
}
