package dev.va.application.port.out;

import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/** Synced messages, unique per account and provider message id. */
public interface EmailMessageRepository {
  /** Stores the message unless the account already has one with its provider id; false when it had. */
  boolean insertIfAbsent(EmailMessage message);

  /** Replaces the stored message with the same id and owner; does nothing when there is none. */
  void update(EmailMessage message);

  Optional<EmailMessage> findById(UserId owner, EmailMessageId id);

  /**
   * The message with that id, whoever owns it. Only for work va does on the owner's behalf from a record that names
   * just the message (a triage job); never to answer a request.
   */
  Optional<EmailMessage> findForSystem(EmailMessageId id);

  /**
   * Stores the outcome of a triage: the message's triage state (all of it but {@code autoReplySent}, which belongs
   * to whoever sends the reply and is left as stored) and the rules that fired, replacing those of an earlier
   * triage. Nothing else of the stored message changes; does nothing when the owner has no such message.
   */
  void saveTriage(EmailMessage message, List<AppliedRule> applied);

  /** The rules that fired at the message's last triage, in the order they ran; empty when none or no message. */
  List<AppliedRule> ruleApplications(UserId owner, EmailMessageId id);

  /**
   * Records that an auto-reply to the message went out, changing nothing else, so it cannot undo a triage stored
   * meanwhile; does nothing when the owner has no such message.
   */
  void markAutoReplySent(UserId owner, EmailMessageId id);

  Optional<EmailMessage> findByProviderId(EmailAccountId account, String providerMessageId);

  Page<EmailMessage> list(MessageQuery query);
}
