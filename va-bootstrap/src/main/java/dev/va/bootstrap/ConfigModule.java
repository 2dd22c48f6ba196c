package dev.va.bootstrap;

import com.google.inject.AbstractModule;
import dev.va.bootstrap.config.ApiConfig;
import dev.va.bootstrap.config.DatabaseConfig;
import dev.va.bootstrap.config.OpenAiConfig;
import dev.va.bootstrap.config.QueueConfig;
import dev.va.bootstrap.config.SecretsConfig;
import dev.va.bootstrap.config.TriageConfig;
import dev.va.bootstrap.config.VaConfig;
import dev.va.bootstrap.config.WorkerConfig;

/** Makes the loaded configuration, and each of its parts, injectable. */
public final class ConfigModule extends AbstractModule {
  private final VaConfig config;

  public ConfigModule(VaConfig config) {
    this.config = config;
  }

  @Override
  protected void configure() {
    bind(VaConfig.class).toInstance(config);
    bind(Lifecycle.class).in(com.google.inject.Singleton.class);
    bind(ApiConfig.class).toInstance(config.api());
    bind(DatabaseConfig.class).toInstance(config.database());
    bind(QueueConfig.class).toInstance(config.queue());
    bind(WorkerConfig.class).toInstance(config.worker());
    bind(OpenAiConfig.class).toInstance(config.openAi());
    bind(SecretsConfig.class).toInstance(config.secrets());
    bind(TriageConfig.class).toInstance(config.triage());
  }
}
