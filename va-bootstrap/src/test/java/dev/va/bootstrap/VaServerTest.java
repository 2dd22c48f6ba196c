package dev.va.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.util.Modules;
import com.google.inject.multibindings.Multibinder;
import dev.va.adapter.web.WebSettings;
import dev.va.application.fake.SwitchableHealthIndicator;
import dev.va.application.port.in.CheckReadinessUseCase;
import dev.va.application.port.out.HealthIndicator;
import dev.va.bootstrap.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VaServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(VaServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void server_modules_serve_readiness_from_every_bound_health_indicator() throws Exception {
    SwitchableHealthIndicator queue = new SwitchableHealthIndicator("queue");
    queue.down("connection refused");
    VaServer server = VaServer.start(ConfigLoader.load(Map.of()), modules -> Modules.override(modules).with(binder -> {
      binder.bind(WebSettings.class).toInstance(WebSettings.localEphemeral());
      Multibinder.newSetBinder(binder, HealthIndicator.class).addBinding().toInstance(queue);
    }));
    try {
      assertThat(server.port()).isPositive();
      assertThat(server.injector().getInstance(CheckReadinessUseCase.class).check().ready()).isFalse();
      HttpResponse<String> ready = get(server, "/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("\"queue\":{\"up\":false,\"detail\":\"connection refused\"");
      queue.up("PONG");
      assertThat(get(server, "/ready").statusCode()).isEqualTo(200);
      assertThat(get(server, "/health").body()).isEqualTo("{\"status\":\"ok\"}");
    } finally {
      server.stop();
      server.stop(); // idempotent: the shutdown hook may call it again
    }
  }
}
