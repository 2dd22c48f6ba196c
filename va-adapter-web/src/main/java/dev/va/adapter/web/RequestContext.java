package dev.va.adapter.web;

import dev.va.application.RequestMeta;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Per-request facts handlers may need: the request id (the caller's {@code X-Request-Id} when sane, else a new
 * one) and the client address. Created on first use, which also echoes the id and puts it in the log MDC.
 */
public record RequestContext(String requestId, String clientAddress) {
  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "request_id";
  private static final String ATTRIBUTE = RequestContext.class.getName();
  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  public static RequestContext of(Context ctx) {
    RequestContext existing = ctx.attribute(ATTRIBUTE);
    if (existing != null) return existing;
    String id = requestId(ctx.header(HEADER));
    RequestContext created = new RequestContext(id, ctx.req().getRemoteAddr());
    ctx.attribute(ATTRIBUTE, created);
    ctx.header(HEADER, id);
    MDC.put(MDC_KEY, id);
    return created;
  }

  /** The same facts as the use cases take them, for their audit records and throttling. */
  public RequestMeta meta() {
    return new RequestMeta(requestId, clientAddress);
  }

  /** The caller's id when it is at most 100 characters of {@code [A-Za-z0-9._-]}, else a new random one. */
  public static String requestId(String incoming) {
    return incoming != null && SANE_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
  }
}
