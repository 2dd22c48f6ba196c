package dev.va.application.port.out;

import dev.va.domain.mail.CategorySet;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.user.UserId;
import java.util.Optional;

/**
 * Asks a language model for a category when local confidence is low. It only ever returns a classification:
 * nothing a message says can make it act. Empty on any failure (quota, timeout, malformed answer), so the local
 * result stands.
 */
public interface LlmClassifier {
  /**
   * @param allowed the categories to choose from: the built-in ones and the owner's own, whose descriptions (the
   *     owner's words) tell the model what belongs in each; an answer naming any other category is no answer
   */
  Optional<Classifier.Classification> classify(UserId owner, EmailMessage message, CategorySet allowed);
}
