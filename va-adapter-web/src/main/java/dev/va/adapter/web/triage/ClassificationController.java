package dev.va.adapter.web.triage;

import dev.va.adapter.web.WebServer;
import dev.va.adapter.web.http.ErrorResponse;
import dev.va.adapter.web.identity.Auth;
import dev.va.application.port.in.TriageUseCases.CorrectClassification;
import dev.va.application.port.in.TriageUseCases.CorrectClassificationCommand;
import dev.va.application.port.in.TriageUseCases.ExplainTriage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.user.UserId;
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

/** A message's classification: shown with its explanation, and corrected by its owner. */
public final class ClassificationController {

  /** The category the message belongs to, and optionally whether it needs a reply (absent: unchanged). */
  public record CorrectClassificationRequest(
      @OpenApiDescription("a built-in category or one of the caller's own") String category,
      @OpenApiName("needs_reply") Boolean needsReply) {}

  private final CorrectClassification correct;
  private final ExplainTriage explain;

  @Inject
  public ClassificationController(CorrectClassification correct, ExplainTriage explain) {
    this.correct = correct;
    this.explain = explain;
  }

  @OpenApi(
      path = TriageRoutes.CLASSIFICATION,
      methods = HttpMethod.GET,
      operationId = "getEmailClassification",
      summary = "How a message was classified, why, and which rules fired",
      tags = "triage",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true, description = "message id"),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = ClassificationView.class)),
        @OpenApiResponse(status = "400", description = "malformed id",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void show(Context ctx) {
    ctx.json(ClassificationView.of(explain.explain(Auth.user(ctx), messageId(ctx))));
  }

  @OpenApi(
      path = TriageRoutes.CLASSIFICATION,
      methods = HttpMethod.POST,
      operationId = "correctEmailClassification",
      summary = "Correct a message's category (and needs-reply); the caller's classifier learns from it",
      tags = "triage",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "id", required = true, description = "message id"),
      requestBody = @OpenApiRequestBody(required = true,
          content = @OpenApiContent(from = CorrectClassificationRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = ClassificationView.class)),
        @OpenApiResponse(status = "400", description = "malformed id; category missing, or neither a built-in "
            + "category nor one of the caller's",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void correct(Context ctx) {
    UserId user = Auth.user(ctx);
    EmailMessageId id = messageId(ctx);
    CorrectClassificationRequest in = ctx.bodyAsClass(CorrectClassificationRequest.class);
    correct.correct(new CorrectClassificationCommand(user, id, in.category(), in.needsReply()));
    ctx.json(ClassificationView.of(explain.explain(user, id)));
  }

  private static EmailMessageId messageId(Context ctx) {
    return EmailMessageId.parse(ctx.pathParam("id"), "id");
  }
}
