package dev.va.adapter.web;

import java.util.List;
import java.util.Objects;

/**
 * How the HTTP server listens and what it accepts.
 *
 * @param host interface to bind, e.g. {@code 127.0.0.1}
 * @param port TCP port; 0 picks a free one (see {@link WebServer#port()})
 * @param maxRequestBytes largest accepted request body; larger ones get 413
 * @param corsOrigins origins allowed to call the API from a browser; empty disables CORS
 */
public record WebSettings(String host, int port, long maxRequestBytes, List<String> corsOrigins) {
  public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

  public WebSettings {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be between 0 and 65535");
    if (maxRequestBytes < 1) throw new IllegalArgumentException("maxRequestBytes must be positive");
    corsOrigins = List.copyOf(corsOrigins);
  }

  /** Loopback, a free port, the default body limit and no CORS: what tests and embedders usually want. */
  public static WebSettings localEphemeral() {
    return new WebSettings("127.0.0.1", 0, DEFAULT_MAX_REQUEST_BYTES, List.of());
  }
}
