package dev.va.adapter.web.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.va.adapter.web.RequestContext;
import dev.va.application.ConflictException;
import dev.va.application.NotFoundException;
import dev.va.application.auth.AuthenticationException;
import dev.va.application.auth.TooManyAttemptsException;
import dev.va.application.mail.ProviderNotConfiguredException;
import dev.va.application.port.out.MailAuthorization.AuthorizationException;
import dev.va.application.port.out.DuplicateException;
import dev.va.application.triage.rules.RuleValidationException;
import dev.va.domain.shared.DomainValidationException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.EndpointNotFound;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into the one JSON error shape ({@link ErrorResponse}); the only place that does. */
public final class ErrorMapping {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  public void install(Javalin app) {
    app.exception(DomainValidationException.class,
        (e, ctx) -> respond(ctx, HttpStatus.BAD_REQUEST, "validation_failed", e.getMessage(), e.field()));
    app.exception(DuplicateException.class,
        (e, ctx) -> respond(ctx, HttpStatus.CONFLICT, "duplicate", e.getMessage(), e.field()));
    app.exception(ConflictException.class,
        (e, ctx) -> respond(ctx, HttpStatus.CONFLICT, e.code(), e.getMessage(), null));
    app.exception(NotFoundException.class,
        (e, ctx) -> respond(ctx, HttpStatus.NOT_FOUND, "not_found", e.getMessage(), null));
    app.exception(ProviderNotConfiguredException.class,
        (e, ctx) -> respond(ctx, HttpStatus.NOT_FOUND, "provider_not_configured", e.getMessage(), null));
    app.exception(AuthorizationException.class, this::providerUnavailable);
    app.exception(AuthenticationException.class, this::unauthorized);
    app.exception(TooManyAttemptsException.class, this::tooManyAttempts);
    app.exception(RuleValidationException.class, this::invalidRule);
    app.exception(ValidationException.class, this::invalidParameter);
    app.exception(StreamReadException.class, this::malformedJson);
    app.exception(MismatchedInputException.class, this::mismatchedInput);
    app.exception(ValueInstantiationException.class, this::rejectedValue);
    app.exception(BodyTooLargeException.class,
        (e, ctx) -> respond(ctx, HttpStatus.CONTENT_TOO_LARGE, "content_too_large", e.getMessage(), null));
    app.exception(HttpResponseException.class, this::httpResponse);
    app.exception(Exception.class, this::unexpected);
  }

  /**
   * Refused credentials or token. RFC 6750: the challenge names the error only when a token was presented, so a
   * client can tell "log in" from "your token expired, refresh it".
   */
  private void unauthorized(AuthenticationException e, Context ctx) {
    String authorization = ctx.header(Header.AUTHORIZATION);
    boolean presented = authorization != null && !authorization.isBlank();
    ctx.header(Header.WWW_AUTHENTICATE,
        presented ? "Bearer realm=\"va\", error=\"invalid_token\"" : "Bearer realm=\"va\"");
    respond(ctx, HttpStatus.UNAUTHORIZED, "unauthorized", e.getMessage(), null);
  }

  /** The OAuth provider's token endpoint failed (a refusal is the caller's and arrives as a validation error). */
  private void providerUnavailable(AuthorizationException e, Context ctx) {
    LOG.warn("OAuth provider failed during {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
    respond(ctx, HttpStatus.BAD_GATEWAY, "provider_unavailable",
        "the mail provider could not complete the authorization; try again later", null);
  }

  /** Retry-After in whole seconds, rounded up so a client that waits exactly that long is let through. */
  private void tooManyAttempts(TooManyAttemptsException e, Context ctx) {
    long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
    ctx.header(Header.RETRY_AFTER, Long.toString(seconds));
    respond(ctx, HttpStatus.TOO_MANY_REQUESTS, "too_many_requests", e.getMessage(), null);
  }

  /** A rule document with every problem found in it, each with its JSON path. */
  private void invalidRule(RuleValidationException e, Context ctx) {
    List<ErrorResponse.Problem> problems = e.problems().stream()
        .map(p -> new ErrorResponse.Problem(p.path(), p.message())).toList();
    ctx.status(HttpStatus.BAD_REQUEST).json(ErrorResponse.of("invalid_rule", "the rule document has "
        + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "; see details",
        e.field(), RequestContext.of(ctx).requestId(), problems));
  }

  /** Javalin's validators ({@code ctx.pathParamAsClass(...)} and friends): the key is the parameter name. */
  private void invalidParameter(ValidationException e, Context ctx) {
    Map.Entry<String, List<ValidationError<Object>>> first = e.getErrors().entrySet().iterator().next();
    String message = first.getValue().isEmpty() ? "invalid value" : first.getValue().get(0).getMessage();
    respond(ctx, HttpStatus.BAD_REQUEST, "validation_failed", first.getKey() + ": " + message, first.getKey());
  }

  private void malformedJson(StreamReadException e, Context ctx) {
    JsonParser parser = e.getProcessor();
    String field = parser == null ? null : parser.getParsingContext().getCurrentName();
    String message = field == null ? "request body is not valid JSON" : "request body is not valid JSON near field " + field;
    respond(ctx, HttpStatus.BAD_REQUEST, "malformed_json", message, field);
  }

  private void mismatchedInput(MismatchedInputException e, Context ctx) {
    String field = path(e);
    if (e instanceof UnrecognizedPropertyException) {
      respond(ctx, HttpStatus.BAD_REQUEST, "unknown_field", "unknown field " + field, field);
    } else if (field == null) {
      respond(ctx, HttpStatus.BAD_REQUEST, "invalid_body", "request body is empty or has the wrong shape", null);
    } else if (e instanceof InvalidFormatException) {
      respond(ctx, HttpStatus.BAD_REQUEST, "invalid_field", field + " has the wrong type or format", field);
    } else {
      respond(ctx, HttpStatus.BAD_REQUEST, "invalid_field", field + " is missing, null or of the wrong type", field);
    }
  }

  /** A request record's constructor refused the value: report its own validation when it has one. */
  private void rejectedValue(ValueInstantiationException e, Context ctx) {
    if (e.getCause() instanceof DomainValidationException invalid) {
      respond(ctx, HttpStatus.BAD_REQUEST, "validation_failed", invalid.getMessage(), invalid.field());
      return;
    }
    String field = path(e);
    respond(ctx, HttpStatus.BAD_REQUEST, "invalid_field",
        field == null ? "request body has an invalid value" : field + " has an invalid value", field);
  }

  private void httpResponse(HttpResponseException e, Context ctx) {
    HttpStatus status = HttpStatus.forStatus(e.getStatus());
    if (e instanceof EndpointNotFound) {
      respond(ctx, status, "not_found", "no route for " + ctx.method() + " " + ctx.path(), null);
    } else if (e instanceof MethodNotAllowedResponse) {
      String allowed = e.getDetails().values().stream().findFirst().orElse("");
      ctx.header(Header.ALLOW, allowed);
      respond(ctx, status, "method_not_allowed",
          ctx.method() + " is not allowed on " + ctx.path() + " (allowed: " + allowed + ")", null);
    } else {
      String code = status == HttpStatus.UNKNOWN ? "http_" + e.getStatus() : status.name().toLowerCase(Locale.ROOT);
      String message = e.getMessage() == null || e.getMessage().isBlank() ? status.getMessage() : e.getMessage();
      ctx.status(e.getStatus()).json(ErrorResponse.of(code, message, null, RequestContext.of(ctx).requestId()));
    }
  }

  private void unexpected(Exception e, Context ctx) {
    String requestId = RequestContext.of(ctx).requestId();
    LOG.error("request {} {} failed (request id {})", ctx.method(), ctx.path(), requestId, e);
    respond(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
        "internal error; quote request id " + requestId + " when reporting it", null);
  }

  private static void respond(Context ctx, HttpStatus status, String code, String message, String field) {
    ctx.status(status).json(ErrorResponse.of(code, message, field, RequestContext.of(ctx).requestId()));
  }

  /** Dotted path of the offending value as the client wrote it, e.g. {@code rules[2].priority}. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) path.append('.');
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? null : path.toString();
  }
}
