package dev.va.application.port.in;

import dev.va.application.port.out.AppliedRule;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.util.List;

/** What a user does about triage. A namespace: each nested interface is one use case with its command record. */
public interface TriageUseCases {
  /**
   * A user's correction of a message's classification. {@code category} (a built-in category or one of the user's
   * own) is validated only once the message is found, so that another user's message id is reported as not found
   * whatever the body says; {@code needsReply} null keeps the stored value.
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

  /** A message's triage state with the rules that fired at its last triage, in the order they ran. */
  record TriageExplanation(EmailMessage message, List<AppliedRule> ruleApplications) {
    public TriageExplanation {
      Require.nonNull(message, "message");
      ruleApplications = List.copyOf(ruleApplications);
    }
  }

  /**
   * Why a message was classified and handled as it was.
   *
   * @throws dev.va.application.NotFoundException when the user has no such message
   */
  interface ExplainTriage {
    TriageExplanation explain(UserId user, EmailMessageId message);
  }
}
