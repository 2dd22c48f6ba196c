package dev.va.adapter.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.va.domain.user.UserId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** A plain HTTP client for the API under test: JSON in, raw bytes out, optional bearer token. */
public final class ApiClient {
  public static final ObjectMapper JSON = new ObjectMapper();

  /** An answer of the API. */
  public record Response(int status, HttpHeaders headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    public JsonNode json() {
      assertThat(header("Content-Type")).as("content type of: %s", text()).startsWith("application/json");
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Asserts a success status and returns the JSON body. */
    public JsonNode ok(int expected) {
      assertThat(status).as("status of: %s", text()).isEqualTo(expected);
      return json();
    }

    /** Asserts the one error shape with this status and code, and returns the inner error object. */
    public JsonNode error(int expected, String code) {
      assertThat(status).as("status of: %s", text()).isEqualTo(expected);
      JsonNode error = json().get("error");
      assertThat(error.get("code").asText()).isEqualTo(code);
      assertThat(error.get("request_id").asText()).isEqualTo(header("X-Request-Id"));
      return error;
    }

    /** The entries of a zip body, by name, as text. */
    public Map<String, String> zipEntries() {
      Map<String, String> entries = new LinkedHashMap<>();
      try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
        for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
          entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return entries;
    }
  }

  /** A registered, logged-in user. */
  public record Session(UserId id, String username, String email, String password, String accessToken,
      String refreshToken) {}

  public static final String PASSWORD = "plum-Orchard-7-ladders";

  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;

  public ApiClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** {@code body} is sent as JSON when not null; a String is sent as is, anything else serialised. */
  public Response send(String method, String path, String accessToken, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
    if (accessToken != null) request.header("Authorization", "Bearer " + accessToken);
    if (body == null) {
      request.method(method, BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, BodyPublishers.ofString(text(body)));
    }
    return send(request);
  }

  public Response send(HttpRequest.Builder request) {
    try {
      var response = http.send(request.build(), BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path));
  }

  public Response get(String path, String accessToken) {
    return send("GET", path, accessToken, null);
  }

  public Response post(String path, String accessToken, Object body) {
    return send("POST", path, accessToken, body);
  }

  /** Registers {@code username} (email {@code <username>@example.org}, {@link #PASSWORD}) and logs in. */
  public Session signUp(String username) {
    String email = username + "@example.org";
    JsonNode user = post("/api/v1/auth/register", null,
        Map.of("email", email, "username", username, "password", PASSWORD)).ok(201);
    JsonNode tokens = post("/api/v1/auth/login", null, Map.of("username", username, "password", PASSWORD)).ok(200);
    return new Session(UserId.parse(user.get("id").asText(), "id"), username, email, PASSWORD,
        tokens.get("access_token").asText(), tokens.get("refresh_token").asText());
  }

  private static String text(Object body) {
    if (body instanceof String text) return text;
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
