package dev.va.application.port.out;

import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Asks a language model for a category when local confidence is low. It only ever returns a classification:
 * nothing a message says can make it act. Empty on any failure (quota, timeout, malformed answer), so the local
 * result stands.
 */
public interface LlmClassifier {
  Optional<Classifier.Classification> classify(UserId owner, EmailMessage message, List<Category> allowed);
}
