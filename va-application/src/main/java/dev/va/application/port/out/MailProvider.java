package dev.va.application.port.out;

import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.MailProviderType;
import java.util.List;
import java.util.Optional;

/**
 * A mailbox provider (Gmail API, IMAP/SMTP). Calls take the account (whose credentials the adapter decrypts
 * through {@link TokenCipher}) and address messages by their provider id. Every failure is a
 * {@link MailProviderException}, also for a provider id that matches no message.
 */
public interface MailProvider {
  /**
   * Messages new since the cursor, and the cursor to pass next time. {@code fullResync}: the cursor was null,
   * unreadable or no longer valid (e.g. an IMAP UIDVALIDITY change), so messages already stored may come again, with
   * the same provider ids: store them idempotently. {@code hasMore}: the batch was cut at the batch size; sync again
   * with {@code nextCursor} to get the rest.
   */
  record SyncBatch(List<EmailMessage> messages, String nextCursor, boolean fullResync, boolean hasMore) {
    public SyncBatch {
      messages = List.copyOf(messages);
      java.util.Objects.requireNonNull(nextCursor, "nextCursor");
    }
  }

  /**
   * An RFC 5322 message to send; {@code inReplyTo}/{@code references} thread a reply. {@code messageId}: the
   * Message-ID header to send ({@code <id@domain>}), chosen by a caller that must recognise the message whatever
   * happens while sending; null lets the provider make one.
   */
  record OutgoingMessage(
      String from,
      List<String> to,
      List<String> cc,
      String subject,
      String textBody,
      String inReplyTo,
      List<String> references,
      java.util.Map<String, String> extraHeaders,
      String messageId) {

    /** Without a Message-ID of the caller's: the provider makes one. */
    public OutgoingMessage(String from, List<String> to, List<String> cc, String subject, String textBody,
        String inReplyTo, List<String> references, java.util.Map<String, String> extraHeaders) {
      this(from, to, cc, subject, textBody, inReplyTo, references, extraHeaders, null);
    }

    public OutgoingMessage withMessageId(String id) {
      return new OutgoingMessage(from, to, cc, subject, textBody, inReplyTo, references, extraHeaders, id);
    }
  }

  MailProviderType type();

  /**
   * Messages new since {@code cursor} (null: first sync, bounded by the configured window). Provider message ids are
   * stable: the same message gets the same id on every sync, also after a full resync.
   */
  SyncBatch sync(EmailAccount account, String cursor);

  /** The message with that provider id, wherever it is in the mailbox now; empty when it is gone. */
  Optional<EmailMessage> fetch(EmailAccount account, String providerMessageId);

  void setFlagged(EmailAccount account, String providerMessageId, boolean flagged);

  void markRead(EmailAccount account, String providerMessageId, boolean read);

  void addLabel(EmailAccount account, String providerMessageId, String label);

  void removeLabel(EmailAccount account, String providerMessageId, String label);

  /** Moves the message to {@code folder} (created when missing); its provider id stays the same. */
  void moveTo(EmailAccount account, String providerMessageId, String folder);

  void archive(EmailAccount account, String providerMessageId);

  /**
   * Sends and returns the Message-ID header ({@code <id@domain>}) of the sent message: the one given in
   * {@link OutgoingMessage#messageId} when there is one (unless the provider replaced it). {@code from} null: the
   * account's address. In-Reply-To, References and the extra headers (e.g. Auto-Submitted) are sent as given; extra
   * headers may not replace the ones the message is built from (From, To, Subject, Content-*, ...).
   */
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
