package dev.va.bootstrap.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything va reads from its environment, typed and validated by {@link ConfigLoader}.
 *
 * @param dataDir where va keeps its files: uploads under {@code files/}, and in embedded mode the database and keys
 */
public record VaConfig(
    ApiConfig api,
    Path dataDir,
    DatabaseConfig database,
    QueueConfig queue,
    WorkerConfig worker,
    OpenAiConfig openAi,
    Optional<GmailConfig> gmail,
    Optional<MicrosoftConfig> microsoft,
    SecretsConfig secrets,
    LogLevel logLevel,
    TriageConfig triage,
    MailConfig mail) {}
