package dev.va.application.port.out;

import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.MailProviderType;
import java.util.List;
import java.util.Optional;

/**
 * A mailbox provider (Gmail API, IMAP/SMTP). Calls take the account (whose credentials the adapter decrypts
 * through {@link TokenCipher}) and address messages by their provider id.
 */
public interface MailProvider {
  /** Messages new since {@code cursor} (null: first sync, bounded by the configured window) and the next cursor. */
  record SyncBatch(List<EmailMessage> messages, String nextCursor, boolean fullResync) {
    public SyncBatch {
      messages = List.copyOf(messages);
    }
  }

  /** An RFC 5322 message to send; {@code inReplyTo}/{@code references} thread a reply. */
  record OutgoingMessage(
      String from,
      List<String> to,
      List<String> cc,
      String subject,
      String textBody,
      String inReplyTo,
      List<String> references,
      java.util.Map<String, String> extraHeaders) {}

  MailProviderType type();

  SyncBatch sync(EmailAccount account, String cursor);

  Optional<EmailMessage> fetch(EmailAccount account, String providerMessageId);

  void setFlagged(EmailAccount account, String providerMessageId, boolean flagged);

  void markRead(EmailAccount account, String providerMessageId, boolean read);

  void addLabel(EmailAccount account, String providerMessageId, String label);

  void removeLabel(EmailAccount account, String providerMessageId, String label);

  void moveTo(EmailAccount account, String providerMessageId, String folder);

  void archive(EmailAccount account, String providerMessageId);

  /** Sends and returns the provider's id (or Message-ID) of the sent message. */
  String send(EmailAccount account, OutgoingMessage message);

  /** Throws {@link MailProviderException} when the account cannot connect or authenticate. */
  void checkConnection(EmailAccount account);

  /** A provider call failed; {@code authentication} tells that the credentials were refused. */
  class MailProviderException extends RuntimeException {
    private final boolean authentication;

    public MailProviderException(String message, boolean authentication, Throwable cause) {
      super(message, cause);
      this.authentication = authentication;
    }

    public boolean authentication() {
      return authentication;
    }
  }
}
