package dev.va.adapter.llm;

import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.LlmClassifier;
import dev.va.application.port.out.LlmClassifierContract;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class OpenAiLlmClassifierContractTest implements LlmClassifierContract {
  private static final TokenCounter TOKENS = new TokenCounter(LlmSettings.DEFAULT_MODEL);

  private final List<OpenAiLlmClassifier> created = new ArrayList<>();
  private FakeOpenAi api;

  @BeforeEach
  void start() throws IOException {
    api = new FakeOpenAi();
  }

  @AfterEach
  void stop() {
    created.forEach(OpenAiLlmClassifier::close);
    api.close();
  }

  private OpenAiLlmClassifier classifier() {
    LlmSettings settings = new LlmSettings("sk-test", LlmSettings.DEFAULT_MODEL, api.baseUrl(), Duration.ofSeconds(2),
        Duration.ofSeconds(2), Duration.ofSeconds(10), 1, 100_000, 3, Duration.ofMinutes(1), 10);
    OpenAiLlmClassifier classifier = new OpenAiLlmClassifier(settings,
        new SettableClock(Instant.parse("2025-03-04T10:00:00Z")), new LruClassificationCache(10), TOKENS, wait -> {});
    created.add(classifier);
    return classifier;
  }

  @Override
  public LlmClassifier answering(String category, double confidence, boolean needsReply) {
    api.always(FakeOpenAi.completion(String.format(Locale.ROOT,
        "{\"category\":\"%s\",\"confidence\":%s,\"needs_reply\":%s,\"reasoning\":\"as scripted\"}",
        category, confidence, needsReply), 250, 25));
    return classifier();
  }

  @Override
  public LlmClassifier failing() {
    api.always(FakeOpenAi.error(503, "server_error", "The engine is currently overloaded", Map.of()));
    return classifier();
  }
}
