package dev.va.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.multibindings.Multibinder;
import dev.va.adapter.web.http.ErrorMapping;
import dev.va.application.fake.SwitchableHealthIndicator;
import dev.va.application.port.in.CheckReadinessUseCase;
import dev.va.application.service.ReadinessService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private final HttpClient http = HttpClient.newHttpClient();
  private final SwitchableHealthIndicator database = new SwitchableHealthIndicator("database");
  private final SwitchableHealthIndicator redis = new SwitchableHealthIndicator("redis");
  private WebServer server;

  @BeforeAll
  void start() {
    server = newServer(WebSettings.localEphemeral(), database, redis);
    server.start();
  }

  @AfterAll
  void stop() {
    server.stop();
  }

  static WebServer newServer(WebSettings settings, SwitchableHealthIndicator... indicators) {
    return Guice.createInjector(new WebModule(settings), binder -> {
      binder.bind(CheckReadinessUseCase.class).toInstance(new ReadinessService(List.of(indicators)));
      Multibinder.newSetBinder(binder, ApiRoutes.class).addBinding().to(TestRoutes.class);
    }).getInstance(WebServer.class);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), BodyHandlers.ofString());
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
  }

  private HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(URI.create(server.url() + path))
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(body));
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(response.body());
  }

  /** Asserts the one error shape and returns its inner object. */
  private static JsonNode error(HttpResponse<String> response, int status, String code) throws IOException {
    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.size()).isEqualTo(1);
    JsonNode error = body.get("error");
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(error.get("request_id").asText()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    return error;
  }

  @Test
  void health_answers_ok_as_json() throws Exception {
    HttpResponse<String> response = send(get("/health"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).isEqualTo(JSON.readTree("{\"status\":\"ok\"}"));
  }

  @Test
  void every_response_carries_the_security_headers() throws Exception {
    for (String path : List.of("/health", "/no-such-route", "/docs", "/test/missing")) {
      HttpResponse<String> response = send(get(path));
      assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
    }
  }

  @Test
  void a_sane_request_id_is_echoed_and_reachable_by_handlers() throws Exception {
    HttpResponse<String> response = send(post("/test/notes", "{\"title\":\"t\",\"priority\":1}").header("X-Request-Id", "abc.DEF_1-2"));
    assertThat(response.headers().firstValue("X-Request-Id")).hasValue("abc.DEF_1-2");
    assertThat(json(response).get("request_id").asText()).isEqualTo("abc.DEF_1-2");
  }

  @Test
  void an_insane_or_missing_request_id_is_replaced_by_a_new_one() throws Exception {
    for (String incoming : List.of("has space", "x".repeat(101), "semi;colon", "")) {
      HttpResponse<String> response = send(get("/health").header("X-Request-Id", incoming));
      assertThat(response.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches(UUID_PATTERN));
    }
    String first = send(get("/health")).headers().firstValue("X-Request-Id").orElseThrow();
    String second = send(get("/health")).headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(first).matches(UUID_PATTERN).isNotEqualTo(second);
    assertThat(send(get("/health").header("X-Request-Id", "y".repeat(100))).headers().firstValue("X-Request-Id"))
        .hasValue("y".repeat(100));
  }

  @Test
  void handlers_see_the_client_address() throws Exception {
    assertThat(send(get("/test/client")).body()).isEqualTo("127.0.0.1");
  }

  @Test
  void ready_is_200_when_every_component_is_up_and_503_otherwise() throws Exception {
    database.up("postgres 16");
    redis.up("PONG");
    HttpResponse<String> up = send(get("/ready"));
    assertThat(up.statusCode()).isEqualTo(200);
    JsonNode body = json(up);
    assertThat(body.get("status").asText()).isEqualTo("ready");
    assertThat(body.get("components").get("database").get("up").asBoolean()).isTrue();
    assertThat(body.get("components").get("database").get("detail").asText()).isEqualTo("postgres 16");
    assertThat(body.get("components").get("database").get("millis").isIntegralNumber()).isTrue();
    assertThat(body.get("components").get("redis").get("detail").asText()).isEqualTo("PONG");

    redis.down("connection refused");
    try {
      HttpResponse<String> down = send(get("/ready"));
      assertThat(down.statusCode()).isEqualTo(503);
      JsonNode downBody = json(down);
      assertThat(downBody.get("status").asText()).isEqualTo("not_ready");
      assertThat(downBody.get("components").get("database").get("up").asBoolean()).isTrue();
      assertThat(downBody.get("components").get("redis").get("up").asBoolean()).isFalse();
      assertThat(downBody.get("components").get("redis").get("detail").asText()).isEqualTo("connection refused");
    } finally {
      redis.up("PONG");
    }
  }

  @Test
  void root_names_the_api_its_version_and_links() throws Exception {
    HttpResponse<String> response = send(get("/"));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("name").asText()).isEqualTo("va");
    assertThat(body.get("version").asText()).isEqualTo(BuildInfo.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(JSON.convertValue(body.get("links"), Map.class)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "docs", "/docs", "redoc", "/redoc", "openapi", "/openapi.json", "health", "/health", "ready", "/ready"));
    for (JsonNode link : body.get("links")) {
      assertThat(send(get(link.asText())).statusCode()).as(link.asText()).isIn(200, 503);
    }
  }

  @Test
  void openapi_document_lists_the_system_routes() throws Exception {
    HttpResponse<String> response = send(get("/openapi.json"));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode spec = json(response);
    assertThat(spec.get("openapi").asText()).startsWith("3.");
    assertThat(spec.get("info").get("title").asText()).isEqualTo("va");
    assertThat(spec.get("info").get("version").asText()).isEqualTo(BuildInfo.version());
    List<String> paths = new ArrayList<>();
    spec.get("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths).contains("/", "/health", "/ready");
    assertThat(spec.get("paths").get("/ready").get("get").get("responses").has("503")).isTrue();
    assertThat(spec.at("/components/schemas/ComponentReport/properties").has("millis")).isTrue();
  }

  @Test
  void swagger_ui_and_redoc_are_served_and_point_at_the_document() throws Exception {
    HttpResponse<String> swagger = send(get("/docs"));
    assertThat(swagger.statusCode()).isEqualTo(200);
    assertThat(swagger.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(swagger.body()).contains("swagger-ui").contains("/openapi.json");
    HttpResponse<String> redoc = send(get("/redoc"));
    assertThat(redoc.statusCode()).isEqualTo(200);
    assertThat(redoc.body()).containsIgnoringCase("redoc").contains("/openapi.json");
    assertThat(send(get("/webjars/swagger-ui/5.17.14/swagger-ui-bundle.js")).statusCode()).isEqualTo(200);
  }

  @Test
  void no_cross_origin_access_is_granted_by_default() throws Exception {
    for (String path : List.of("/health", "/openapi.json")) {
      HttpResponse<String> response = send(get(path).header("Origin", "https://evil.example"));
      assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
    }
  }

  @Test
  void json_bodies_use_snake_case_and_iso_times() throws Exception {
    HttpResponse<String> response = send(post("/test/notes",
        "{\"title\":\"pay rent\",\"priority\":2,\"due_at\":\"2025-03-01T09:30:00Z\",\"tags\":[\"home\"]}"));
    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode body = json(response);
    assertThat(body.get("due_at").asText()).isEqualTo("2025-03-01T09:30:00Z");
    assertThat(body.get("priority").asInt()).isEqualTo(2);
  }

  @Test
  void unknown_route_is_a_json_404() throws Exception {
    JsonNode error = error(send(get("/no-such-route").header("Accept", "text/html")), 404, "not_found");
    assertThat(error.get("message").asText()).isEqualTo("no route for GET /no-such-route");
    assertThat(error.has("field")).isFalse();
  }

  @Test
  void wrong_method_is_a_json_405_with_allow() throws Exception {
    HttpResponse<String> response = send(post("/health", "{}"));
    error(response, 405, "method_not_allowed");
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void declared_body_over_the_limit_is_a_json_413() throws Exception {
    byte[] big = new byte[(int) WebSettings.DEFAULT_MAX_REQUEST_BYTES + 1];
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(server.url() + "/test/notes"))
        .header("Content-Type", "application/json").POST(BodyPublishers.ofByteArray(big)));
    error(response, 413, "content_too_large");
  }

  @Test
  void chunked_body_over_the_limit_is_a_json_413() throws Exception {
    String padding = "x".repeat((int) WebSettings.DEFAULT_MAX_REQUEST_BYTES);
    byte[] body = ("{\"title\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8);
    // a stream of unknown length is sent chunked: no Content-Length for Javalin to check
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(server.url() + "/test/notes"))
        .header("Content-Type", "application/json")
        .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    error(response, 413, "content_too_large");
  }

  @Test
  void malformed_json_is_a_400_naming_the_field_when_known() throws Exception {
    JsonNode near = error(send(post("/test/notes", "{\"title\": tru}")), 400, "malformed_json");
    assertThat(near.get("field").asText()).isEqualTo("title");
    JsonNode truncated = error(send(post("/test/notes", "{")), 400, "malformed_json");
    assertThat(truncated.has("field")).isFalse();
  }

  @Test
  void wrong_types_and_unknown_fields_are_400_naming_the_field() throws Exception {
    assertThat(error(send(post("/test/notes", "{\"title\":\"t\",\"priority\":\"high\"}")), 400, "invalid_field")
        .get("field").asText()).isEqualTo("priority");
    assertThat(error(send(post("/test/notes", "{\"title\":\"t\",\"priority\":1,\"due_at\":\"tomorrow\"}")), 400, "invalid_field")
        .get("field").asText()).isEqualTo("due_at");
    assertThat(error(send(post("/test/notes", "{\"title\":\"t\",\"priority\":1,\"tags\":[\"a\",{}]}")), 400, "invalid_field")
        .get("field").asText()).isEqualTo("tags[1]");
    assertThat(error(send(post("/test/notes", "{\"title\":\"t\",\"priority\":1,\"colour\":\"red\"}")), 400, "unknown_field")
        .get("field").asText()).isEqualTo("colour");
    JsonNode missing = error(send(post("/test/notes", "{\"title\":\"t\"}")), 400, "invalid_field");
    assertThat(missing.get("field").asText()).isEqualTo("priority");
    assertThat(missing.get("message").asText()).isEqualTo("priority is missing, null or of the wrong type");
    assertThat(error(send(post("/test/notes", "[1]")), 400, "invalid_body").has("field")).isFalse();
    assertThat(error(send(post("/test/notes", "")), 400, "invalid_body").has("field")).isFalse();
  }

  @Test
  void domain_validation_is_a_400_with_its_field() throws Exception {
    JsonNode error = error(send(post("/test/notes", "{\"title\":\"  \",\"priority\":1}")), 400, "validation_failed");
    assertThat(error.get("field").asText()).isEqualTo("title");
    assertThat(error.get("message").asText()).isEqualTo("title must not be blank");
  }

  @Test
  void invalid_path_parameter_is_a_400_naming_it() throws Exception {
    assertThat(error(send(get("/test/items/abc")), 400, "validation_failed").get("field").asText()).isEqualTo("id");
    assertThat(send(get("/test/items/7")).body()).isEqualTo("7");
  }

  @Test
  void duplicate_is_a_409_with_its_field() throws Exception {
    JsonNode error = error(send(get("/test/duplicate")), 409, "duplicate");
    assertThat(error.get("field").asText()).isEqualTo("address");
    assertThat(error.get("message").asText()).isEqualTo("address is already connected");
  }

  @Test
  void application_not_found_is_a_404() throws Exception {
    assertThat(error(send(get("/test/missing")), 404, "not_found").get("message").asText()).isEqualTo("note 42 not found");
  }

  @Test
  void unexpected_failure_is_a_generic_500_logged_with_the_request_id() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(ErrorMapping.class);
    ListAppender<ILoggingEvent> captured = new ListAppender<>() {
      @Override
      protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing(); // snapshot the MDC on the server thread
        super.append(event);
      }
    };
    captured.start();
    logger.addAppender(captured);
    logger.setAdditive(false);
    try {
      HttpResponse<String> response = send(get("/test/crash").header("X-Request-Id", "crash-1"));
      JsonNode error = error(response, 500, "internal_error");
      assertThat(response.body()).doesNotContain("secret internal detail").doesNotContain("IllegalStateException");
      assertThat(error.get("message").asText()).contains("crash-1");
      assertThat(captured.list).singleElement().satisfies(event -> {
        assertThat(event.getFormattedMessage()).contains("crash-1").contains("/test/crash");
        assertThat(event.getThrowableProxy().getMessage()).isEqualTo("secret internal detail");
        assertThat(event.getMDCPropertyMap()).containsEntry("request_id", "crash-1");
      });
    } finally {
      logger.detachAppender(captured);
      logger.setAdditive(true);
    }
  }

  @Test
  void errors_jetty_answers_itself_have_the_same_shape() throws Exception {
    // a request line Jetty refuses before Javalin sees it
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(raw).startsWith("HTTP/1.1 431");
      assertThat(raw).containsIgnoringCase("content-type: application/json").contains("X-Frame-Options: DENY");
      JsonNode error = JSON.readTree(raw.substring(raw.indexOf("\r\n\r\n") + 4)).get("error");
      assertThat(error.get("code").asText()).isEqualTo("request_header_fields_too_large");
      assertThat(error.get("request_id").asText()).matches(UUID_PATTERN);
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithCors {
    private WebServer corsServer;

    @BeforeAll
    void start() {
      corsServer = newServer(new WebSettings("127.0.0.1", 0, 1024, List.of("https://app.example.com")));
      corsServer.start();
    }

    @AfterAll
    void stop() {
      corsServer.stop();
    }

    private HttpResponse<String> fromOrigin(String path, String origin) throws Exception {
      return send(HttpRequest.newBuilder(URI.create(corsServer.url() + path)).header("Origin", origin).GET());
    }

    @Test
    void configured_origins_are_allowed_and_others_are_not() throws Exception {
      for (String path : List.of("/health", "/openapi.json")) {
        assertThat(fromOrigin(path, "https://app.example.com").headers().firstValue("Access-Control-Allow-Origin"))
            .as(path).hasValue("https://app.example.com");
        assertThat(fromOrigin(path, "https://evil.example").headers().firstValue("Access-Control-Allow-Origin"))
            .as(path).isEmpty();
      }
    }

    @Test
    void the_configured_body_limit_applies() throws Exception {
      HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(corsServer.url() + "/test/notes"))
          .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"title\":\"" + "x".repeat(1100) + "\"}")));
      error(response, 413, "content_too_large");
    }
  }

  @Test
  void stop_lets_in_flight_requests_finish() throws Exception {
    WebServer stopping = newServer(WebSettings.localEphemeral());
    stopping.start();
    String url = stopping.url();
    CompletableFuture<HttpResponse<String>> slow =
        http.sendAsync(HttpRequest.newBuilder(URI.create(url + "/test/slow")).build(), BodyHandlers.ofString());
    Thread.sleep(200); // the request is being handled
    stopping.stop();
    assertThat(slow.get().statusCode()).isEqualTo(200);
    assertThat(slow.get().body()).isEqualTo("done");
    assertThat(http.sendAsync(HttpRequest.newBuilder(URI.create(url + "/health")).build(), BodyHandlers.ofString()))
        .failsWithin(java.time.Duration.ofSeconds(5));
  }
}
