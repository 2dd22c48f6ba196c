package dev.va.application.port.out;

import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.user.UserId;
import java.util.Optional;

/** Synced messages, unique per account and provider message id. */
public interface EmailMessageRepository {
  /** Stores the message unless the account already has one with its provider id; false when it had. */
  boolean insertIfAbsent(EmailMessage message);

  /** Replaces the stored message with the same id and owner; does nothing when there is none. */
  void update(EmailMessage message);

  Optional<EmailMessage> findById(UserId owner, EmailMessageId id);

  /**
   * Records that an auto-reply to the message went out, changing nothing else, so it cannot undo a triage stored
   * meanwhile; does nothing when the owner has no such message.
   */
  void markAutoReplySent(UserId owner, EmailMessageId id);

  Optional<EmailMessage> findByProviderId(EmailAccountId account, String providerMessageId);

  Page<EmailMessage> list(MessageQuery query);
}
