package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.port.out.Classifier.Classification;
import dev.va.application.triage.TestMessages;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.CategorySet;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.UserCategory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What triage relies on: an answer only within the allowed categories (the built-in ones and the user's own) and
 * with a confidence in [0, 1], and an empty answer, never an exception, whenever the model cannot give one.
 */
public interface LlmClassifierContract {
  /** A classifier whose model answers every message with this classification. */
  LlmClassifier answering(String category, double confidence, boolean needsReply);

  /** A classifier whose model is down. */
  LlmClassifier failing();

  private static EmailMessage message() {
    return TestMessages.parse("From: Ann <ann@example.org>\nSubject: Lunch on Friday?\n\nAre you free at noon?");
  }

  private static CategorySet withInvoices() {
    Instant at = Instant.parse("2025-03-01T09:00:00Z");
    return new CategorySet(List.of(new UserCategory(TestMessages.USER, new Category("invoices"),
        "Bills and payment reminders from suppliers.", at, at)));
  }

  @Test
  default void answers_with_the_models_classification() {
    Optional<Classification> answer = answering("personal", 0.75, true).classify(TestMessages.USER, message(),
        CategorySet.BUILT_IN);

    assertThat(answer).hasValueSatisfying(c -> {
      assertThat(c.category()).isEqualTo(Category.PERSONAL);
      assertThat(c.confidence()).isEqualTo(0.75);
      assertThat(c.needsReply()).isTrue();
    });
  }

  @Test
  default void answers_with_one_of_the_users_own_categories() {
    assertThat(answering("invoices", 0.8, false).classify(TestMessages.USER, message(), withInvoices()))
        .map(Classification::category).contains(new Category("invoices"));
  }

  @Test
  default void an_answer_outside_the_allowed_categories_is_no_answer() {
    assertThat(answering("invoices", 0.9, false).classify(TestMessages.USER, message(), CategorySet.BUILT_IN))
        .isEmpty();
    assertThat(answering("receipts", 0.9, false).classify(TestMessages.USER, message(), withInvoices())).isEmpty();
  }

  @Test
  default void a_confidence_outside_zero_to_one_is_no_answer() {
    assertThat(answering("spam", 1.5, false).classify(TestMessages.USER, message(), CategorySet.BUILT_IN))
        .isEmpty();
  }

  @Test
  default void a_failing_model_gives_an_empty_answer() {
    assertThat(failing().classify(TestMessages.USER, message(), withInvoices())).isEmpty();
  }

  @Test
  default void a_message_without_sender_subject_or_body_can_be_classified() {
    EmailMessage bare = TestMessages.parse("");

    assertThat(answering("spam", 0.6, false).classify(TestMessages.USER, bare, CategorySet.BUILT_IN))
        .map(Classification::category).contains(Category.SPAM);
  }
}
