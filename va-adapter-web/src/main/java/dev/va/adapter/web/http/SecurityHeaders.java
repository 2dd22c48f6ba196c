package dev.va.adapter.web.http;

import java.util.Map;

/** Headers sent with every response, errors included. */
public final class SecurityHeaders {
  public static final Map<String, String> ALL = Map.of(
      "X-Content-Type-Options", "nosniff",
      "X-Frame-Options", "DENY",
      "Referrer-Policy", "no-referrer");

  private SecurityHeaders() {}
}
