package dev.va.bootstrap.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.va.application.port.out.WebhookSender;
import dev.va.application.port.out.WebhookSender.WebhookException;
import dev.va.application.port.out.WebhookSenderContract;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK webhook sender against a local HTTP server (loopback allowed here, as VA_WEBHOOK_ALLOW_PRIVATE does). */
class JdkWebhookSenderTest implements WebhookSenderContract {
  private static final String SECRET = "a-webhook-secret-of-32-characters!";

  /** A request as the receiver saw it. */
  record Received(String body, String signature, String contentType) {}

  private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
  private HttpServer server;
  private final JdkWebhookSender sender = sender(Optional.of(SECRET), true);

  private static JdkWebhookSender sender(Optional<String> secret, boolean allowPrivate) {
    return new JdkWebhookSender(new JdkWebhookSender.Settings(secret, allowPrivate, Duration.ofSeconds(5)));
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String[] parts = exchange.getRequestURI().getPath().split("/");
      int status = Integer.parseInt(parts[1]);
      received.computeIfAbsent(exchange.getRequestURI().getPath(), k -> new ArrayList<>()).add(new Received(
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
          exchange.getRequestHeaders().getFirst("X-Va-Signature"),
          exchange.getRequestHeaders().getFirst("Content-Type")));
      if (status / 100 == 3) exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Override
  public WebhookSender sender() {
    return sender;
  }

  @Override
  public URI endpoint(int status) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + status + "/" + UUID.randomUUID());
  }

  @Override
  public List<String> received(URI endpoint) {
    return received.getOrDefault(endpoint.getPath(), List.of()).stream().map(Received::body).toList();
  }

  @Test
  void signs_the_body_with_hmac_sha256_of_the_secret() {
    URI endpoint = endpoint(204);
    String body = "{\"event\":\"message.triaged\",\"subject\":\"Caf\u00e9\"}";

    sender.post(endpoint, body);

    Received request = received.get(endpoint.getPath()).get(0);
    assertThat(request.contentType()).isEqualTo("application/json");
    assertThat(request.signature())
        .isEqualTo("sha256=" + JdkWebhookSender.sign(SECRET, body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void the_signature_is_standard_hmac_sha256() {
    // RFC 4231, test case 2
    assertThat(JdkWebhookSender.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void refuses_local_targets_unless_allowed_and_sends_nothing() {
    JdkWebhookSender strict = sender(Optional.of(SECRET), false);
    URI endpoint = endpoint(200);
    URI byName = URI.create("http://localhost:" + server.getAddress().getPort() + "/200/x");

    for (URI target : List.of(endpoint, byName)) {
      assertThatThrownBy(() -> strict.post(target, "{}"))
          .isInstanceOfSatisfying(WebhookException.class, e -> {
            assertThat(e.permanent()).isTrue();
            assertThat(e.getMessage()).contains("private or local address");
          });
    }
    assertThat(received).isEmpty();
  }

  @Test
  void tells_public_addresses_from_private_local_and_reserved_ones() throws IOException {
    for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.0.8",
        "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a00:1",
        "ff02::1", "2001:db8::1")) {
      assertThat(JdkWebhookSender.isPublic(InetAddress.getByName(address))).as(address).isFalse();
    }
    for (String address : List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
        "::ffff:93.184.216.34", "64:ff9b::808:808")) {
      assertThat(JdkWebhookSender.isPublic(InetAddress.getByName(address))).as(address).isTrue();
    }
  }

  @Test
  void without_a_secret_nothing_is_sent() {
    URI endpoint = endpoint(200);

    assertThatThrownBy(() -> sender(Optional.empty(), true).post(endpoint, "{}"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.permanent()).isTrue());
    assertThat(received).isEmpty();
  }

  @Test
  void a_redirect_is_not_followed() {
    URI endpoint = endpoint(302);

    assertThatThrownBy(() -> sender.post(endpoint, "{}"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.permanent()).isTrue());
    assertThat(received.keySet()).containsExactly(endpoint.getPath());
  }

  @Test
  void a_refused_connection_may_succeed_later() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port + "/hook");

    assertThatThrownBy(() -> sender.post(closed, "{}"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.permanent()).isFalse());
  }

  @Test
  void only_http_and_https_are_called() {
    assertThatThrownBy(() -> sender.post(URI.create("ftp://hooks.example.org/x"), "{}"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.permanent()).isTrue());
  }
}
