package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.port.out.ReplyWriter.Author;
import dev.va.application.triage.TestMessages;
import dev.va.domain.mail.EmailMessage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What drafting relies on: the model's text as plain text of bounded length, and an empty answer, never an
 * exception, whenever the model gives nothing usable.
 */
public interface ReplyWriterContract {
  /** A writer whose model answers every message with {@code text}. */
  ReplyWriter answering(String text);

  /** A writer whose model is down. */
  ReplyWriter failing();

  Author ME = new Author(TestMessages.USER, "Sam Doe", "sam@example.org");

  private static EmailMessage message() {
    return TestMessages.parse("From: Ann <ann@example.org>\nTo: sam@example.org\nSubject: Lunch on Friday?\n\n"
        + "Are you free at noon?");
  }

  @Test
  default void writes_the_models_text() {
    Optional<String> body = answering("Hi Ann,\n\nFriday at noon works for me.\n\nBest,\nSam")
        .write(ME, message());

    assertThat(body).contains("Hi Ann,\n\nFriday at noon works for me.\n\nBest,\nSam");
  }

  @Test
  default void the_text_is_plain_and_trimmed() {
    Optional<String> body = answering("  \r\nHi Ann,\r\n\u202eNoon\u0007 works.\u0000\n\n").write(ME, message());

    assertThat(body).contains("Hi Ann,\nNoon works.");
  }

  @Test
  default void an_overlong_answer_is_cut_to_the_limit() {
    Optional<String> body = answering("Sure. ".repeat(2_000)).write(ME, message());

    assertThat(body).hasValueSatisfying(text -> {
      assertThat(text).startsWith("Sure. Sure.");
      assertThat(text.length()).isLessThanOrEqualTo(ReplyWriter.MAX_BODY);
    });
  }

  @Test
  default void a_blank_answer_is_no_draft() {
    assertThat(answering(" \n\t \n").write(ME, message())).isEmpty();
  }

  @Test
  default void a_failing_model_gives_no_draft() {
    assertThat(failing().write(ME, message())).isEmpty();
  }

  @Test
  default void a_bare_message_for_a_mailbox_without_a_name_can_be_answered() {
    Author anonymous = new Author(TestMessages.USER, null, null);

    assertThat(answering("Thanks for your message.").write(anonymous, TestMessages.parse("")))
        .contains("Thanks for your message.");
  }
}
