package dev.va.adapter.web.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiName;
import java.util.List;

/** The one body of every 4xx and 5xx answer: {@code {"error": {...}}}. */
public record ErrorResponse(Detail error) {

  /**
   * @param code stable machine-readable reason, e.g. {@code validation_failed}
   * @param message human-readable, safe to show
   * @param field the offending input field, when known
   * @param requestId the id to quote when reporting the problem (also in the {@code X-Request-Id} header)
   * @param details every problem found inside {@code field}, when there are several (e.g. in a rule document)
   */
  public record Detail(
      String code,
      String message,
      @JsonInclude(JsonInclude.Include.NON_NULL) String field,
      @OpenApiName("request_id") String requestId,
      @JsonInclude(JsonInclude.Include.NON_NULL)
      @OpenApiDescription("every problem inside field, each with where it is, e.g. $.when.any[2].op")
      List<Problem> details) {}

  /** One problem: where (a path inside the field) and what. */
  public record Problem(String path, String message) {}

  public static ErrorResponse of(String code, String message, String field, String requestId) {
    return new ErrorResponse(new Detail(code, message, field, requestId, null));
  }

  public static ErrorResponse of(String code, String message, String field, String requestId,
      List<Problem> details) {
    return new ErrorResponse(new Detail(code, message, field, requestId, List.copyOf(details)));
  }
}
