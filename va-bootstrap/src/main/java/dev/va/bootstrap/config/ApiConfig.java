package dev.va.bootstrap.config;

import dev.va.adapter.web.WebSettings;
import java.net.URI;
import java.util.List;

/**
 * Where the HTTP API listens and what it accepts. {@code publicUrl} is where browsers reach it (behind a proxy, not
 * the address it listens on), without a trailing slash: OAuth providers send users back below it.
 */
public record ApiConfig(String host, int port, long maxRequestBytes, List<String> corsOrigins, URI publicUrl) {
  public ApiConfig {
    corsOrigins = List.copyOf(corsOrigins);
  }

  public WebSettings toWebSettings() {
    return new WebSettings(host, port, maxRequestBytes, corsOrigins);
  }
}
