package dev.va.adapter.llm;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.va.application.port.out.LlmClassifier;
import java.time.Clock;

/**
 * Binds {@link LlmClassifier} to one {@link OpenAiLlmClassifier} (also bound under its own type, so the application
 * can close it on shutdown) and the {@link LlmSettings}. Needs a {@link Clock} bound elsewhere. Install it only when
 * an API key is configured; without one, triage runs locally.
 */
public final class LlmModule extends AbstractModule {
  private final LlmSettings settings;

  public LlmModule(LlmSettings settings) {
    if (settings == null) throw new IllegalArgumentException("settings are required");
    this.settings = settings;
  }

  @Override
  protected void configure() {
    bind(LlmSettings.class).toInstance(settings);
    bind(LlmClassifier.class).to(OpenAiLlmClassifier.class);
  }

  @Provides
  @Singleton
  OpenAiLlmClassifier classifier(Clock clock) {
    return new OpenAiLlmClassifier(settings, clock);
  }
}
