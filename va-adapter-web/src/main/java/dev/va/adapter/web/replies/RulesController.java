package dev.va.adapter.web.replies;

import com.fasterxml.jackson.databind.JsonNode;
import dev.va.adapter.web.RequestContext;
import dev.va.adapter.web.WebServer;
import dev.va.adapter.web.http.ErrorResponse;
import dev.va.adapter.web.identity.Auth;
import dev.va.application.port.in.RuleUseCases;
import dev.va.application.port.in.RuleUseCases.CreateRule;
import dev.va.application.port.in.RuleUseCases.CreateRuleCommand;
import dev.va.application.port.in.RuleUseCases.DeleteRule;
import dev.va.application.port.in.RuleUseCases.GetRule;
import dev.va.application.port.in.RuleUseCases.ListRuleVersions;
import dev.va.application.port.in.RuleUseCases.ListRules;
import dev.va.application.port.in.RuleUseCases.PreviewRule;
import dev.va.application.port.in.RuleUseCases.UpdateRule;
import dev.va.application.port.in.RuleUseCases.UpdateRuleCommand;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiPropertyType;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiRequired;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The caller's mail rules (docs/RULES.md). A document that breaks the rules language answers 400 {@code invalid_rule}
 * with every problem and its JSON path in {@code details}; a change made against a stale {@code version} answers 409.
 */
public final class RulesController {
  static final String INVALID_RULE = "invalid document: code invalid_rule, field document, and every problem with "
      + "its JSON path in details; or another invalid field (name, priority)";

  /** A new rule. */
  public record CreateRuleRequest(
      @OpenApiRequired String name,
      @OpenApiRequired @OpenApiDescription("0 to 1000000; rules run lowest first") Integer priority,
      @OpenApiDescription("default true") Boolean enabled,
      @OpenApiRequired @OpenApiPropertyType(definedBy = Object.class)
      @OpenApiDescription("the rule in va's rules language: {\"when\": ..., \"then\": [...]}") JsonNode document) {}

  /**
   * A rule's new version. PUT: {@code name}, {@code priority} and {@code document} are required; PATCH: absent
   * fields stay. {@code enabled} absent stays either way. {@code version}: the version the change was made
   * against; when it is no longer the stored one, the answer is 409.
   */
  public record RuleChangeRequest(
      String name,
      Integer priority,
      Boolean enabled,
      @OpenApiPropertyType(definedBy = Object.class) JsonNode document,
      @OpenApiDescription("the version this change was made against") Integer version) {}

  /** How many of the latest stored messages to try the rule on. */
  public record PreviewRequest(@OpenApiDescription("1 to 500, default 50") Integer messages) {}

  /** An unsaved rule to try on the latest stored messages. */
  public record UnsavedPreviewRequest(
      String name,
      @OpenApiRequired @OpenApiPropertyType(definedBy = Object.class) JsonNode document,
      @OpenApiDescription("1 to 500, default 50") Integer messages) {}

  /** The caller's rules in the order they run. */
  public record RuleList(List<RuleView> items) {}

  private final CreateRule createRule;
  private final ListRules listRules;
  private final GetRule getRule;
  private final UpdateRule updateRule;
  private final DeleteRule deleteRule;
  private final ListRuleVersions ruleVersions;
  private final PreviewRule previewRule;

  @Inject
  public RulesController(CreateRule createRule, ListRules listRules, GetRule getRule, UpdateRule updateRule,
      DeleteRule deleteRule, ListRuleVersions ruleVersions, PreviewRule previewRule) {
    this.createRule = createRule;
    this.listRules = listRules;
    this.getRule = getRule;
    this.updateRule = updateRule;
    this.deleteRule = deleteRule;
    this.ruleVersions = ruleVersions;
    this.previewRule = previewRule;
  }

  @OpenApi(
      path = RepliesRoutes.RULES,
      methods = HttpMethod.POST,
      operationId = "createRule",
      summary = "Create a rule",
      tags = "rules",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = CreateRuleRequest.class)),
      responses = {
        @OpenApiResponse(status = "201", content = @OpenApiContent(from = RuleView.class)),
        @OpenApiResponse(status = "400", description = INVALID_RULE,
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void create(Context ctx) {
    CreateRuleRequest in = ctx.bodyAsClass(CreateRuleRequest.class);
    Require.nonNull(in.priority(), "priority");
    String document = Require.nonNull(JsonDocuments.text(in.document()), "document");
    AutoReplyRule rule = createRule.create(new CreateRuleCommand(Auth.user(ctx), in.name(), in.priority(),
        !Boolean.FALSE.equals(in.enabled()), document, RequestContext.of(ctx).meta()));
    ctx.header(Header.LOCATION, RepliesRoutes.RULES + "/" + rule.id());
    ctx.status(HttpStatus.CREATED).json(RuleView.of(rule));
  }

  @OpenApi(
      path = RepliesRoutes.RULES,
      methods = HttpMethod.GET,
      operationId = "listRules",
      summary = "The caller's rules, in the order they run",
      tags = "rules",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = RuleList.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void list(Context ctx) {
    ctx.json(new RuleList(listRules.list(Auth.user(ctx)).stream().map(RuleView::of).toList()));
  }

  @OpenApi(
      path = RepliesRoutes.RULE,
      methods = HttpMethod.GET,
      operationId = "getRule",
      summary = "A rule as it stands",
      tags = "rules",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = RuleView.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void show(Context ctx) {
    ctx.json(RuleView.of(getRule.get(Auth.user(ctx), id(ctx))));
  }

  @OpenApi(
      path = RepliesRoutes.RULE,
      methods = HttpMethod.PUT,
      operationId = "replaceRule",
      summary = "Store a new version of a rule: name, priority and document",
      tags = "rules",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = RuleChangeRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = RuleView.class)),
        @OpenApiResponse(status = "400", description = INVALID_RULE,
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "version_conflict: the rule changed since that version",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void replace(Context ctx) {
    RuleChangeRequest in = ctx.bodyAsClass(RuleChangeRequest.class);
    UserId user = Auth.user(ctx);
    AutoReplyRuleId id = id(ctx);
    getRule.get(user, id);
    Require.nonNull(in.name(), "name");
    Require.nonNull(in.priority(), "priority");
    Require.nonNull(JsonDocuments.text(in.document()), "document");
    change(ctx, user, id, in);
  }

  @OpenApi(
      path = RepliesRoutes.RULE,
      methods = HttpMethod.PATCH,
      operationId = "updateRule",
      summary = "Store a new version of a rule with the fields given",
      tags = "rules",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = RuleChangeRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = RuleView.class)),
        @OpenApiResponse(status = "400", description = INVALID_RULE,
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "version_conflict: the rule changed since that version",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void update(Context ctx) {
    change(ctx, Auth.user(ctx), id(ctx), ctx.bodyAsClass(RuleChangeRequest.class));
  }

  @OpenApi(
      path = RepliesRoutes.RULE,
      methods = HttpMethod.DELETE,
      operationId = "deleteRule",
      summary = "Delete a rule; its versions stay readable",
      tags = "rules",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      responses = {
        @OpenApiResponse(status = "204"),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void delete(Context ctx) {
    deleteRule.delete(Auth.user(ctx), id(ctx), RequestContext.of(ctx).meta());
    ctx.status(HttpStatus.NO_CONTENT);
  }

  @OpenApi(
      path = RepliesRoutes.RULE_VERSIONS,
      methods = HttpMethod.GET,
      operationId = "listRuleVersions",
      summary = "Every version of a rule, oldest first, also of a deleted rule",
      tags = "rules",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = RuleList.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void versions(Context ctx) {
    ctx.json(new RuleList(ruleVersions.versions(Auth.user(ctx), id(ctx)).stream().map(RuleView::of).toList()));
  }

  @OpenApi(
      path = RepliesRoutes.RULE_VERSION,
      methods = HttpMethod.GET,
      operationId = "getRuleVersion",
      summary = "One version of a rule, as it read then",
      tags = "rules",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = {
        @OpenApiParam(name = "id", required = true),
        @OpenApiParam(name = "version", type = Integer.class, required = true)
      },
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = RuleView.class)),
        @OpenApiResponse(status = "400", description = "version is not a number",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void version(Context ctx) {
    int version = ctx.pathParamAsClass("version", Integer.class).get();
    ctx.json(RuleView.of(ruleVersions.version(Auth.user(ctx), id(ctx), version)));
  }

  @OpenApi(
      path = RepliesRoutes.RULE_PREVIEW,
      methods = HttpMethod.POST,
      operationId = "previewRule",
      summary = "What the rule alone would do to the latest stored messages; changes nothing",
      description = "Runs the rule (also a disabled one) through triage without sending, moving or storing "
          + "anything. Messages triage has seen keep their stored classification.",
      tags = "rules",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true),
      requestBody = @OpenApiRequestBody(content = @OpenApiContent(from = PreviewRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = PreviewView.class)),
        @OpenApiResponse(status = "400", description = "messages out of range, or the stored document no longer "
            + "compiles (invalid_rule)", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void preview(Context ctx) {
    PreviewRequest in = ctx.body().isBlank() ? new PreviewRequest(null) : ctx.bodyAsClass(PreviewRequest.class);
    ctx.json(PreviewView.of(previewRule.preview(Auth.user(ctx), id(ctx), messages(in.messages()))));
  }

  @OpenApi(
      path = RepliesRoutes.RULES_PREVIEW,
      methods = HttpMethod.POST,
      operationId = "previewUnsavedRule",
      summary = "What an unsaved rule would do to the latest stored messages; changes nothing",
      tags = "rules",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      requestBody = @OpenApiRequestBody(required = true,
          content = @OpenApiContent(from = UnsavedPreviewRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = PreviewView.class)),
        @OpenApiResponse(status = "400", description = INVALID_RULE + "; or messages out of range",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void previewUnsaved(Context ctx) {
    UnsavedPreviewRequest in = ctx.bodyAsClass(UnsavedPreviewRequest.class);
    ctx.json(PreviewView.of(previewRule.previewUnsaved(Auth.user(ctx), in.name(),
        JsonDocuments.text(in.document()), messages(in.messages()))));
  }

  private void change(Context ctx, UserId user, AutoReplyRuleId id, RuleChangeRequest in) {
    ctx.json(RuleView.of(updateRule.update(new UpdateRuleCommand(user, id, in.version(), in.name(), in.priority(),
        in.enabled(), JsonDocuments.text(in.document()), RequestContext.of(ctx).meta()))));
  }

  private static int messages(Integer requested) {
    return requested == null ? RuleUseCases.DEFAULT_PREVIEW_MESSAGES : requested;
  }

  private static AutoReplyRuleId id(Context ctx) {
    return AutoReplyRuleId.parse(ctx.pathParam("id"), "id");
  }
}
