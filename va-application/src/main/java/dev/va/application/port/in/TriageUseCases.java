package dev.va.application.port.in;

import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;

/** What a user does about triage. A namespace: each nested interface is one use case with its command record. */
public interface TriageUseCases {
  /**
   * A user's correction of a message's classification. {@code category} is validated only once the message is
   * found, so that another user's message id is reported as not found whatever the body says; {@code needsReply}
   * null keeps the stored value.
   */
  record CorrectClassificationCommand(UserId user, EmailMessageId message, String category, Boolean needsReply) {
    public CorrectClassificationCommand {
      Require.nonNull(user, "user");
      Require.nonNull(message, "message");
    }
  }

  /**
   * Stores the user's category on the message (reason "corrected by user", confidence 1) and teaches the user's
   * model, so that their next messages are classified with it.
   *
   * @throws dev.va.application.NotFoundException when the user has no such message
   */
  interface CorrectClassification {
    EmailMessage correct(CorrectClassificationCommand command);
  }
}
