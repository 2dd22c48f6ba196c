package dev.va.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.adapter.web.BuildInfo;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code va.jar}, run as a process the way an operator runs it. */
class VaJarIT {
  private static final Path JAR = Path.of(System.getProperty("va.jar", "target/va.jar"));

  @TempDir
  Path dir;

  private Process start(Map<String, String> env, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString());
    builder.command().addAll(List.of(args));
    builder.environment().clear();
    builder.environment().put("VA_DATA_DIR", dir.resolve("data").toString());
    builder.environment().putAll(env);
    builder.redirectOutput(dir.resolve("stdout").toFile());
    builder.redirectError(dir.resolve("stderr").toFile());
    return builder.start();
  }

  private String stdout() throws IOException {
    return Files.readString(dir.resolve("stdout"), StandardCharsets.UTF_8);
  }

  private String stderr() throws IOException {
    return Files.readString(dir.resolve("stderr"), StandardCharsets.UTF_8);
  }

  private int finish(Process process) throws InterruptedException {
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("process ended").isTrue();
    return process.exitValue();
  }

  @Test
  void help_and_version() throws Exception {
    assertThat(finish(start(Map.of(), "--help"))).isZero();
    assertThat(stdout()).contains("server").contains("migrate");
    assertThat(finish(start(Map.of(), "--version"))).isZero();
    assertThat(stdout()).isEqualTo("va " + BuildInfo.version() + "\n");
  }

  @Test
  void a_config_error_prints_one_line_and_exits_2() throws Exception {
    assertThat(finish(start(Map.of("API_PORT", "abc"), "server"))).isEqualTo(2);
    assertThat(stderr()).isEqualTo("va: API_PORT: must be an integer between 1 and 65535, got \"abc\"\n");
  }

  @Test
  void server_answers_and_stops_gracefully_on_sigterm() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Process server = start(Map.of("API_PORT", Integer.toString(port)), "server");
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
      HttpResponse<String> response = null;
      // a minute: the embedded PostgreSQL starts first, slowly on a busy machine
      for (int i = 0; i < 600 && response == null && server.isAlive(); i++) {
        try {
          response = http.send(health, HttpResponse.BodyHandlers.ofString());
        } catch (IOException notYetListening) {
          Thread.sleep(100);
        }
      }
      assertThat(response).as("server answered; stderr: %s", stderr()).isNotNull();
      assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
      assertThat(stderr()).contains("listening on http://127.0.0.1:" + port);
    } finally {
      server.destroy(); // SIGTERM
    }
    assertThat(finish(server)).isEqualTo(143); // 128 + SIGTERM: the JVM ran its shutdown hooks
    assertThat(stderr()).contains("va stopping").contains("va stopped");
  }
}
