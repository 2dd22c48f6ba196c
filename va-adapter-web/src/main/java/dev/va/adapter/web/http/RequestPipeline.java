package dev.va.adapter.web.http;

import dev.va.adapter.web.RequestContext;
import io.javalin.Javalin;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** What happens around every request: request id, security headers, early body-size check, access log. */
public final class RequestPipeline {
  private static final Logger ACCESS = LoggerFactory.getLogger("dev.va.adapter.web.access");
  /** Probes are polled constantly; their lines would drown the rest at INFO. */
  private static final Set<String> QUIET_PATHS = Set.of("/health", "/ready");

  private final long maxRequestBytes;
  private final List<String> corsOrigins;
  private final String documentationPath;

  public RequestPipeline(long maxRequestBytes, List<String> corsOrigins, String documentationPath) {
    this.maxRequestBytes = maxRequestBytes;
    this.corsOrigins = List.copyOf(corsOrigins);
    this.documentationPath = documentationPath;
  }

  public void install(Javalin app) {
    app.before(this::before);
    app.after(documentationPath, this::restrictDocumentationCors);
  }

  private void before(Context ctx) {
    RequestContext.of(ctx);
    SecurityHeaders.ALL.forEach(ctx::header);
    // a declared length over the limit is refused before any handler runs
    if (ctx.req().getContentLengthLong() > maxRequestBytes) {
      throw new ContentTooLargeResponse("request body is larger than " + maxRequestBytes + " bytes");
    }
  }

  /** The OpenAPI plugin allows every origin on its document; keep to the configured CORS policy instead. */
  private void restrictDocumentationCors(Context ctx) {
    String origin = ctx.header(Header.ORIGIN);
    if (origin != null && corsOrigins.contains(origin)) {
      ctx.header(Header.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    } else {
      ctx.res().setHeader(Header.ACCESS_CONTROL_ALLOW_ORIGIN, null);
      ctx.res().setHeader(Header.ACCESS_CONTROL_ALLOW_METHODS, null);
    }
  }

  /** Access log line; also the last step of a request, so the request id leaves the MDC here. */
  public static void log(Context ctx, Float millis) {
    try {
      if (QUIET_PATHS.contains(ctx.path())) {
        ACCESS.debug("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis));
      } else {
        ACCESS.info("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(millis));
      }
    } finally {
      MDC.remove(RequestContext.MDC_KEY);
    }
  }
}
