package dev.va.adapter.llm;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Settings of the language-model classifier.
 *
 * @param apiKey OpenAI API key (never printed by {@link #toString()})
 * @param model a chat model that supports structured outputs and {@code temperature} (default gpt-4o-mini)
 * @param baseUrl API root, {@code https://api.openai.com/v1} by default; tests point it at a local server
 * @param connectTimeout timeout of opening a connection
 * @param readTimeout longest wait for response data on an open connection
 * @param totalTimeout cap on one classification, retries and their waits included
 * @param maxRetries retries after a 408, 429 or 5xx answer (0 to 5); a Retry-After the cap cannot honour ends them
 * @param dailyTokenBudgetPerUser tokens (prompt and completion, as the API reports them) one user may spend per UTC
 *     day
 * @param breakerFailureThreshold consecutive failed calls that open the circuit breaker
 * @param breakerCoolDown how long an open breaker refuses calls before one probe may go through
 * @param cacheSize classifications kept in memory, least recently used dropped first
 */
public record LlmSettings(
    String apiKey,
    String model,
    String baseUrl,
    Duration connectTimeout,
    Duration readTimeout,
    Duration totalTimeout,
    int maxRetries,
    long dailyTokenBudgetPerUser,
    int breakerFailureThreshold,
    Duration breakerCoolDown,
    int cacheSize) {

  public static final String DEFAULT_MODEL = "gpt-4o-mini";
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  public LlmSettings {
    if (apiKey == null || apiKey.isBlank()) throw new IllegalArgumentException("apiKey is required");
    if (model == null || model.isBlank()) throw new IllegalArgumentException("model is required");
    if (baseUrl == null || !validBaseUrl(baseUrl)) {
      throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL");
    }
    for (Duration d : List.of(connectTimeout, readTimeout, totalTimeout, breakerCoolDown)) {
      if (d == null || d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("timeouts and the cool-down must be positive");
      }
    }
    if (maxRetries < 0 || maxRetries > 5) throw new IllegalArgumentException("maxRetries must be 0 to 5");
    if (dailyTokenBudgetPerUser < 1) throw new IllegalArgumentException("dailyTokenBudgetPerUser must be positive");
    if (breakerFailureThreshold < 1) throw new IllegalArgumentException("breakerFailureThreshold must be positive");
    if (cacheSize < 1) throw new IllegalArgumentException("cacheSize must be positive");
  }

  /** Defaults: gpt-4o-mini, 10 s timeouts, 30 s per classification, 2 retries, 200,000 tokens a user a day. */
  public static LlmSettings defaults(String apiKey) {
    return new LlmSettings(apiKey, DEFAULT_MODEL, DEFAULT_BASE_URL, Duration.ofSeconds(10), Duration.ofSeconds(10),
        Duration.ofSeconds(30), 2, 200_000, 5, Duration.ofMinutes(1), 10_000);
  }

  @Override
  public String toString() {
    return "LlmSettings[model=" + model + ", baseUrl=" + baseUrl + ", connectTimeout=" + connectTimeout
        + ", readTimeout=" + readTimeout + ", totalTimeout=" + totalTimeout + ", maxRetries=" + maxRetries
        + ", dailyTokenBudgetPerUser=" + dailyTokenBudgetPerUser + ", breakerFailureThreshold="
        + breakerFailureThreshold + ", breakerCoolDown=" + breakerCoolDown + ", cacheSize=" + cacheSize
        + ", apiKey=***]";
  }

  private static boolean validBaseUrl(String url) {
    try {
      URI uri = URI.create(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
