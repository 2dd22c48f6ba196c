package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.port.out.Classifier.Classification;
import dev.va.application.triage.TestMessages;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailMessage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What triage relies on: an answer only within the allowed categories and with a confidence in [0, 1], and an
 * empty answer, never an exception, whenever the model cannot give one.
 */
public interface LlmClassifierContract {
  /** A classifier whose model answers every message with this classification. */
  LlmClassifier answering(String category, double confidence, boolean needsReply);

  /** A classifier whose model is down. */
  LlmClassifier failing();

  private static EmailMessage message() {
    return TestMessages.parse("From: Ann <ann@example.org>\nSubject: Lunch on Friday?\n\nAre you free at noon?");
  }

  @Test
  default void answers_with_the_models_classification() {
    Optional<Classification> answer = answering("personal", 0.75, true).classify(TestMessages.USER, message(),
        List.of(Category.PERSONAL, Category.SPAM));

    assertThat(answer).hasValueSatisfying(c -> {
      assertThat(c.category()).isEqualTo(Category.PERSONAL);
      assertThat(c.confidence()).isEqualTo(0.75);
      assertThat(c.needsReply()).isTrue();
    });
  }

  @Test
  default void an_answer_outside_the_allowed_categories_is_no_answer() {
    assertThat(answering("important", 0.9, false).classify(TestMessages.USER, message(),
        List.of(Category.PERSONAL, Category.SPAM))).isEmpty();
  }

  @Test
  default void a_confidence_outside_zero_to_one_is_no_answer() {
    assertThat(answering("spam", 1.5, false).classify(TestMessages.USER, message(), List.of(Category.SPAM)))
        .isEmpty();
  }

  @Test
  default void a_failing_model_gives_an_empty_answer() {
    assertThat(failing().classify(TestMessages.USER, message(), List.of(Category.SPAM))).isEmpty();
  }

  @Test
  default void no_allowed_category_gives_an_empty_answer() {
    assertThat(answering("spam", 0.9, false).classify(TestMessages.USER, message(), List.of())).isEmpty();
  }

  @Test
  default void a_message_without_sender_subject_or_body_can_be_classified() {
    EmailMessage bare = TestMessages.parse("");

    assertThat(answering("spam", 0.6, false).classify(TestMessages.USER, bare, List.of(Category.SPAM)))
        .map(Classification::category).contains(Category.SPAM);
  }
}
