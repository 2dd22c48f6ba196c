package dev.va.adapter.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.va.adapter.web.RequestContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Errors Jetty answers itself, before a request reaches Javalin (an unparsable request line, headers that are too
 * large, ...), in the same JSON shape as the API's own errors instead of Jetty's HTML page.
 */
public final class JettyErrorHandler extends ErrorHandler {
  private final ObjectMapper json;

  public JettyErrorHandler(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
      HttpServletResponse response, int code, String message) throws IOException {
    String requestId = RequestContext.requestId(request.getHeader(RequestContext.HEADER));
    response.setHeader(RequestContext.HEADER, requestId);
    SecurityHeaders.ALL.forEach(response::setHeader);
    response.setContentType("application/json");
    response.getOutputStream().write(body(code, message, requestId));
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    if (HttpStatus.hasNoBody(status)) return ByteBuffer.allocate(0);
    String requestId = RequestContext.requestId(null);
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    fields.put(RequestContext.HEADER, requestId);
    SecurityHeaders.ALL.forEach(fields::put);
    return ByteBuffer.wrap(body(status, reason, requestId));
  }

  private byte[] body(int status, String reason, String requestId) {
    String message = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
    String code = HttpStatus.getMessage(status).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    try {
      return json.writeValueAsString(ErrorResponse.of(code, message, null, requestId)).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
