package dev.va.bootstrap.config;

import java.util.Optional;

/** The LLM classifier; without a key va classifies locally only. */
public record OpenAiConfig(Optional<String> apiKey, String model) {
  @Override
  public String toString() {
    return "OpenAiConfig[apiKey=" + apiKey.map(k -> "***").orElse("none") + ", model=" + model + "]";
  }
}
