package dev.va.adapter.mail.imap;

import dev.va.adapter.mail.mime.MessageComposer;
import dev.va.application.port.out.MailProvider.MailProviderException;
import dev.va.application.port.out.MailProvider.OutgoingMessage;
import dev.va.domain.mail.EmailAccount;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;

/** Sends messages built by {@link MessageComposer} over SMTP. */
final class SmtpSender {
  private final MailSessions sessions;
  private final Clock clock;

  SmtpSender(MailSessions sessions, Clock clock) {
    this.sessions = sessions;
    this.clock = clock;
  }

  /** Sends and returns the message as sent (its Message-ID header set). */
  MimeMessage send(EmailAccount account, OutgoingMessage message) {
    Session session = sessions.smtpSession(account);
    MimeMessage mime = MessageComposer.compose(session, account, message, clock.instant());
    Transport transport = sessions.smtp(account, session);
    try {
      transport.sendMessage(mime, mime.getAllRecipients());
      return mime;
    } catch (MessagingException e) {
      throw new MailProviderException("sending failed: " + e.getMessage(), false, e);
    } finally {
      close(transport);
    }
  }

  void check(EmailAccount account) {
    close(sessions.smtp(account, sessions.smtpSession(account)));
  }

  private static void close(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException e) {
      // sent or checked already; a failing QUIT changes nothing
    }
  }
}
