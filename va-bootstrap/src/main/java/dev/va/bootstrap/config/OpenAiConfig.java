package dev.va.bootstrap.config;

import java.net.URI;
import java.util.Optional;

/**
 * The language model (classifier and draft writer); without a key va classifies locally only.
 *
 * @param baseUrl another OpenAI-compatible API root (a proxy, Azure's OpenAI endpoint, a local server); empty for
 *     OpenAI's own
 */
public record OpenAiConfig(Optional<String> apiKey, String model, Optional<URI> baseUrl) {
  public OpenAiConfig(Optional<String> apiKey, String model) {
    this(apiKey, model, Optional.empty());
  }

  @Override
  public String toString() {
    return "OpenAiConfig[apiKey=" + apiKey.map(k -> "***").orElse("none") + ", model=" + model + ", baseUrl="
        + baseUrl.map(URI::toString).orElse("default") + "]";
  }
}
