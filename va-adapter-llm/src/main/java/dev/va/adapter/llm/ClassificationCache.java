package dev.va.adapter.llm;

import dev.va.application.port.out.Classifier.Classification;
import java.util.Optional;

/**
 * Answers of the language model by prompt hash ({@code TriagePrompt.cacheKey}: SHA-256 of model, allowed categories
 * and the messages sent), so one message is never paid for twice. Implementations must be thread-safe.
 */
public interface ClassificationCache {
  Optional<Classification> get(String key);

  void put(String key, Classification classification);
}
