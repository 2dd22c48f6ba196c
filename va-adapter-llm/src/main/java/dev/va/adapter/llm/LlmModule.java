package dev.va.adapter.llm;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.va.application.port.out.LlmClassifier;
import dev.va.application.port.out.ReplyWriter;
import java.time.Clock;

/**
 * Binds {@link LlmClassifier} to one {@link OpenAiLlmClassifier} and {@link ReplyWriter} to one
 * {@link OpenAiReplyWriter}, both on one {@link OpenAiChat} (bound under its own type, so the application can close
 * it on shutdown), and the {@link LlmSettings}. Sharing the chat makes classification and drafting spend one daily
 * token budget per user and trip one circuit breaker. Needs a {@link Clock} bound elsewhere. Install it only when an
 * API key is configured; without one, triage runs locally and drafts fall back to templates and placeholders.
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
    bind(ReplyWriter.class).to(OpenAiReplyWriter.class);
  }

  @Provides
  @Singleton
  OpenAiChat chat(Clock clock) {
    return new OpenAiChat(settings, clock);
  }

  @Provides
  @Singleton
  OpenAiLlmClassifier classifier(OpenAiChat chat) {
    return new OpenAiLlmClassifier(chat, new LruClassificationCache(settings.cacheSize()));
  }

  @Provides
  @Singleton
  OpenAiReplyWriter writer(OpenAiChat chat) {
    return new OpenAiReplyWriter(chat);
  }
}
