package dev.va.bootstrap.config;

import dev.va.adapter.web.WebSettings;
import java.util.List;

/** Where the HTTP API listens and what it accepts. */
public record ApiConfig(String host, int port, long maxRequestBytes, List<String> corsOrigins) {
  public ApiConfig {
    corsOrigins = List.copyOf(corsOrigins);
  }

  public WebSettings toWebSettings() {
    return new WebSettings(host, port, maxRequestBytes, corsOrigins);
  }
}
