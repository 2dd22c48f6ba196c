package dev.va.adapter.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.va.application.json.Json;
import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local HTTP server that answers {@code POST /v1/chat/completions} the way the OpenAI API does, from a script of
 * replies (then a fallback), and records every request it gets.
 */
final class FakeOpenAi implements AutoCloseable {
  record Reply(int status, Map<String, String> headers, String body, Duration delay) {
    Reply after(Duration wait) {
      return new Reply(status, headers, body, wait);
    }
  }

  record Request(String method, String path, Map<String, List<String>> headers, String body) {
    JsonObject json() {
      return (JsonObject) Json.parse(body);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Reply fallback = error(500, "server_error", "no reply scripted", Map.of());

  FakeOpenAi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  void then(Reply... replies) {
    script.addAll(List.of(replies));
  }

  void always(Reply reply) {
    fallback = reply;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** A chat completion whose message content is {@code content}, with the usage the API reports. */
  static Reply completion(String content, long promptTokens, long completionTokens) {
    return chat(assistant(content), "stop", promptTokens, completionTokens);
  }

  /** A completion the token limit cut off ({@code finish_reason} length). */
  static Reply cutShort(String content, long promptTokens, long completionTokens) {
    return chat(assistant(content), "length", promptTokens, completionTokens);
  }

  private static JsonObject assistant(String content) {
    Map<String, JsonValue> message = new LinkedHashMap<>();
    message.put("role", JsonValue.of("assistant"));
    message.put("content", JsonValue.of(content));
    message.put("refusal", JsonValue.JsonNull.INSTANCE);
    message.put("annotations", new JsonValue.JsonArray(List.of()));
    return new JsonObject(message);
  }

  static Reply refusal(String text) {
    Map<String, JsonValue> message = new LinkedHashMap<>();
    message.put("role", JsonValue.of("assistant"));
    message.put("content", JsonValue.JsonNull.INSTANCE);
    message.put("refusal", JsonValue.of(text));
    return chat(new JsonObject(message), "stop", 300, 10);
  }

  static Reply error(int status, String type, String text, Map<String, String> headers) {
    String body = "{\"error\":{\"message\":" + Json.write(JsonValue.of(text)) + ",\"type\":\"" + type
        + "\",\"param\":null,\"code\":null}}";
    return new Reply(status, headers, body, Duration.ZERO);
  }

  static Reply raw(int status, String body) {
    return new Reply(status, Map.of(), body, Duration.ZERO);
  }

  private static Reply chat(JsonObject message, String finishReason, long promptTokens, long completionTokens) {
    String body = """
        {"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion","created":1741569952,\
        "model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":%s,"logprobs":null,\
        "finish_reason":"%s"}],"usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,\
        "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":\
        {"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},\
        "service_tier":"default","system_fingerprint":"fp_06737a9306"}"""
        .formatted(Json.write(message), finishReason, promptTokens, completionTokens, promptTokens + completionTokens);
    return new Reply(200, Map.of("x-request-id", "req_1"), body, Duration.ZERO);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          Map.copyOf(exchange.getRequestHeaders()), body));
      Reply reply = script.poll();
      if (reply == null) reply = fallback;
      if (!reply.delay().isZero()) {
        try {
          Thread.sleep(reply.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException clientGone) {
      // the client timed out and closed the connection
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
