package dev.va.adapter.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.va.adapter.web.http.BodyLimitFilter;
import dev.va.adapter.web.http.ErrorMapping;
import dev.va.adapter.web.http.JettyErrorHandler;
import dev.va.adapter.web.http.RequestPipeline;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import io.javalin.openapi.plugin.OpenApiPlugin;
import io.javalin.openapi.plugin.redoc.ReDocPlugin;
import io.javalin.openapi.plugin.swagger.SwaggerPlugin;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.servlet.FilterHolder;

/** The HTTP API: Javalin on Jetty, with the OpenAPI document, Swagger UI and ReDoc. */
public final class WebServer {
  public static final String OPENAPI_PATH = "/openapi.json";
  public static final String SWAGGER_PATH = "/docs";
  public static final String REDOC_PATH = "/redoc";
  /** Name of the bearer-token security scheme in the OpenAPI document, for {@code @OpenApiSecurity}. */
  public static final String BEARER_SCHEME = "BearerAuth";
  /** In-flight requests get this long to finish on stop before their connections are closed. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final WebSettings settings;
  private final Javalin app;

  @Inject
  public WebServer(WebSettings settings, RouteTable routes) {
    this.settings = settings;
    ObjectMapper json = ApiJson.mapper();
    this.app = Javalin.create(config -> configure(config, json));
    new RequestPipeline(settings.maxRequestBytes(), settings.corsOrigins(), OPENAPI_PATH).install(app);
    new ErrorMapping().install(app);
    routes.register(app);
  }

  private void configure(JavalinConfig config, ObjectMapper json) {
    config.showJavalinBanner = false;
    config.startupWatcherEnabled = false;
    config.jsonMapper(new JavalinJackson(json, false));
    config.http.maxRequestSize = settings.maxRequestBytes();
    config.http.prefer405over404 = true;
    config.requestLogger.http(RequestPipeline::log);
    config.jetty.modifyServer(server -> {
      server.setStopTimeout(STOP_TIMEOUT.toMillis());
      server.setErrorHandler(new JettyErrorHandler(json));
    });
    config.jetty.modifyServletContextHandler(handler -> handler.addFilter(
        new FilterHolder(new BodyLimitFilter(settings.maxRequestBytes())), "/*", EnumSet.of(DispatcherType.REQUEST)));
    if (!settings.corsOrigins().isEmpty()) {
      config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
        settings.corsOrigins().forEach(rule::allowHost);
        rule.exposeHeader(RequestContext.HEADER);
      }));
    }
    config.registerPlugin(new OpenApiPlugin(openApi -> openApi
        .withDocumentationPath(OPENAPI_PATH)
        .withDefinitionConfiguration((version, definition) -> definition.withInfo(info -> info
            .title("va")
            .version(BuildInfo.version())
            .description("HTTP API of va, an engine for a virtual assistant."))
            .withSecurity(security -> security.withBearerAuth(BEARER_SCHEME)))));
    config.registerPlugin(new SwaggerPlugin(swagger -> {
      swagger.setUiPath(SWAGGER_PATH);
      swagger.setDocumentationPath(OPENAPI_PATH);
      swagger.setTitle("va API");
      swagger.setValidatorUrl(null); // the UI would otherwise send the spec to a public validator
    }));
    config.registerPlugin(new ReDocPlugin(redoc -> {
      redoc.setUiPath(REDOC_PATH);
      redoc.setDocumentationPath(OPENAPI_PATH);
      redoc.setTitle("va API");
    }));
  }

  public void start() {
    app.start(settings.host(), settings.port());
  }

  /** Stops accepting connections, lets in-flight requests finish (up to {@link #STOP_TIMEOUT}), then stops. */
  public void stop() {
    app.stop();
  }

  /** The bound port: the configured one, or the one picked when the settings asked for 0. */
  public int port() {
    return app.port();
  }

  /** Base URL clients can use, e.g. {@code http://127.0.0.1:8000}. */
  public String url() {
    String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    return "http://" + host + ":" + port();
  }
}
