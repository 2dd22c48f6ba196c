package dev.va.adapter.web.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.openapi.OpenApiName;

/** The one body of every 4xx and 5xx answer: {@code {"error": {...}}}. */
public record ErrorResponse(Detail error) {

  /**
   * @param code stable machine-readable reason, e.g. {@code validation_failed}
   * @param message human-readable, safe to show
   * @param field the offending input field, when known
   * @param requestId the id to quote when reporting the problem (also in the {@code X-Request-Id} header)
   */
  public record Detail(
      String code,
      String message,
      @JsonInclude(JsonInclude.Include.NON_NULL) String field,
      @OpenApiName("request_id") String requestId) {}

  public static ErrorResponse of(String code, String message, String field, String requestId) {
    return new ErrorResponse(new Detail(code, message, field, requestId));
  }
}
