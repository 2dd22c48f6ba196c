package dev.va.adapter.llm;

import dev.va.application.port.out.Classifier.Classification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link ClassificationCache} of bounded size that drops the least recently used entry first. */
public final class LruClassificationCache implements ClassificationCache {
  private final Map<String, Classification> entries;

  public LruClassificationCache(int maxEntries) {
    if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be positive");
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Classification> eldest) {
        return size() > maxEntries;
      }
    };
  }

  @Override
  public synchronized Optional<Classification> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  @Override
  public synchronized void put(String key, Classification classification) {
    entries.put(key, classification);
  }
}
