package dev.va.adapter.web.system;

import dev.va.adapter.web.BuildInfo;
import dev.va.adapter.web.WebServer;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** What this server is and where its documentation lives. */
public final class RootController {
  public static final String PATH = "/";

  /** Name, version and links to the documentation and probes. */
  public record Index(String name, String version, Map<String, String> links) {}

  private final Index index;

  public RootController() {
    Map<String, String> links = new LinkedHashMap<>();
    links.put("docs", WebServer.SWAGGER_PATH);
    links.put("redoc", WebServer.REDOC_PATH);
    links.put("openapi", WebServer.OPENAPI_PATH);
    links.put("health", HealthController.HEALTH_PATH);
    links.put("ready", HealthController.READY_PATH);
    this.index = new Index("va", BuildInfo.version(), links);
  }

  @OpenApi(
      path = PATH,
      methods = HttpMethod.GET,
      operationId = "index",
      summary = "Name, version and links of this API",
      tags = "system",
      responses = @OpenApiResponse(status = "200", content = @OpenApiContent(from = Index.class)))
  public void index(Context ctx) {
    ctx.json(index);
  }
}
