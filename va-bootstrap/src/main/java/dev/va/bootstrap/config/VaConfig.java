package dev.va.bootstrap.config;

import java.util.Optional;

/** Everything va reads from its environment, typed and validated by {@link ConfigLoader}. */
public record VaConfig(
    ApiConfig api,
    DatabaseConfig database,
    QueueConfig queue,
    OpenAiConfig openAi,
    Optional<GmailConfig> gmail,
    SecretsConfig secrets,
    LogLevel logLevel) {}
