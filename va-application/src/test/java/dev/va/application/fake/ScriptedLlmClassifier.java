package dev.va.application.fake;

import dev.va.application.port.out.Classifier.Classification;
import dev.va.application.port.out.LlmClassifier;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.CategorySet;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A language model that gives one fixed answer (or none, when down, or when the answer is not among the allowed
 * categories), counts how often it was asked and keeps the categories it was last offered.
 */
public final class ScriptedLlmClassifier implements LlmClassifier {
  private final Classification answer;
  private final AtomicInteger calls = new AtomicInteger();
  private volatile CategorySet lastAllowed;

  private ScriptedLlmClassifier(Classification answer) {
    this.answer = answer;
  }

  public static ScriptedLlmClassifier answering(Category category, double confidence, boolean needsReply) {
    return new ScriptedLlmClassifier(new Classification(category, confidence, needsReply,
        List.of("language model: " + category)));
  }

  public static ScriptedLlmClassifier down() {
    return new ScriptedLlmClassifier(null);
  }

  @Override
  public Optional<Classification> classify(UserId owner, EmailMessage message, CategorySet allowed) {
    calls.incrementAndGet();
    lastAllowed = allowed;
    if (answer == null || !allowed.allows(answer.category())) return Optional.empty();
    if (!(answer.confidence() >= 0 && answer.confidence() <= 1)) return Optional.empty();
    return Optional.of(answer);
  }

  public int calls() {
    return calls.get();
  }

  /** The categories of the last call; null before any. */
  public CategorySet lastAllowed() {
    return lastAllowed;
  }
}
