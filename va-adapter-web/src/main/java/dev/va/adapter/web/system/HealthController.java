package dev.va.adapter.web.system;

import dev.va.application.port.in.CheckReadinessUseCase;
import dev.va.application.port.in.CheckReadinessUseCase.Readiness;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;
import jakarta.inject.Inject;
import java.util.TreeMap;
import java.util.Map;

/** Probes: liveness (the process answers) and readiness (every dependency answers). */
public final class HealthController {
  public static final String HEALTH_PATH = "/health";
  public static final String READY_PATH = "/ready";

  /** Liveness answer. */
  public record Liveness(String status) {}

  /** Readiness answer: {@code ready} or {@code not_ready}, and each checked component. */
  public record ReadinessReport(String status, Map<String, ComponentReport> components) {}

  /** One component: whether it answered, what it said, how long the check took. */
  public record ComponentReport(boolean up, String detail, long millis) {}

  private static final Liveness OK = new Liveness("ok");

  private final CheckReadinessUseCase readiness;

  @Inject
  public HealthController(CheckReadinessUseCase readiness) {
    this.readiness = readiness;
  }

  @OpenApi(
      path = HEALTH_PATH,
      methods = HttpMethod.GET,
      operationId = "health",
      summary = "Liveness: the process is up",
      tags = "system",
      responses = @OpenApiResponse(status = "200", content = @OpenApiContent(from = Liveness.class)))
  public void health(Context ctx) {
    ctx.json(OK);
  }

  @OpenApi(
      path = READY_PATH,
      methods = HttpMethod.GET,
      operationId = "ready",
      summary = "Readiness: every component va depends on answers",
      tags = "system",
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = ReadinessReport.class)),
        @OpenApiResponse(status = "503", content = @OpenApiContent(from = ReadinessReport.class))
      })
  public void ready(Context ctx) {
    Readiness result = readiness.check();
    Map<String, ComponentReport> components = new TreeMap<>(); // sorted: stable output
    result.components().forEach((name, c) -> components.put(name, new ComponentReport(c.up(), c.detail(), c.millis())));
    ctx.status(result.ready() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .json(new ReadinessReport(result.ready() ? "ready" : "not_ready", components));
  }
}
