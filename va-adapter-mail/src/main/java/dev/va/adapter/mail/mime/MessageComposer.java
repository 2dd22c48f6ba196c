package dev.va.adapter.mail.mime;

import dev.va.application.port.out.MailProvider.MailProviderException;
import dev.va.application.port.out.MailProvider.OutgoingMessage;
import dev.va.domain.mail.EmailAccount;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Builds plain-text messages to send, with threading and extra headers kept as given. */
public final class MessageComposer {
  private static final Pattern HEADER_NAME = Pattern.compile("[!-9;-~]{1,76}");
  // RFC 5322 msg-id, dot-atom or bracketed right side, printable ASCII only
  private static final Pattern MESSAGE_ID = Pattern.compile("<[!-;=?-~]{1,250}@[!-;=?-~]{1,250}>");
  // headers the message is built from; an extra header must not replace or duplicate them
  private static final Set<String> RESERVED = Set.of("from", "sender", "to", "cc", "bcc", "subject", "date",
      "message-id", "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding",
      "content-disposition", "reply-to", "return-path");

  private MessageComposer() {}

  /**
   * The message, with the caller's Message-ID or a fresh one at the account's domain.
   *
   * @throws IllegalArgumentException for a missing recipient, a bad address or Message-ID, or a header that is not
   *     allowed
   */
  public static MimeMessage compose(Session session, EmailAccount account, OutgoingMessage message, Instant sentAt) {
    if (message.to() == null || message.to().isEmpty()) throw new IllegalArgumentException("a recipient is required");
    if (message.messageId() != null && !MESSAGE_ID.matcher(message.messageId()).matches()) {
      throw new IllegalArgumentException("Message-ID must look like <id@domain>: " + message.messageId());
    }
    // the default id names the local user and host; a fresh one tells nothing about the machine
    String messageId = message.messageId() != null ? message.messageId()
        : "<" + UUID.randomUUID() + "@" + account.address().domain() + ">";
    MimeMessage mime = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    try {
      mime.setFrom(message.from() != null ? parseOne(message.from())
          : new InternetAddress(account.address().value(), account.displayName(), StandardCharsets.UTF_8.name()));
      mime.setRecipients(Message.RecipientType.TO, parse(message.to()));
      if (message.cc() != null && !message.cc().isEmpty()) {
        mime.setRecipients(Message.RecipientType.CC, parse(message.cc()));
      }
      mime.setSubject(message.subject() == null ? "" : message.subject(), StandardCharsets.UTF_8.name());
      mime.setText(message.textBody() == null ? "" : message.textBody(), StandardCharsets.UTF_8.name());
      mime.setSentDate(Date.from(sentAt));
      if (message.inReplyTo() != null && !message.inReplyTo().isBlank()) {
        mime.setHeader("In-Reply-To", singleLine(message.inReplyTo(), "In-Reply-To"));
      }
      if (message.references() != null && !message.references().isEmpty()) {
        String references = String.join(" ", message.references().stream()
            .map(r -> singleLine(r, "References")).toList());
        mime.setHeader("References", MimeUtility.fold("References: ".length(), references));
      }
      Map<String, String> extra = message.extraHeaders() == null ? Map.of() : message.extraHeaders();
      for (Map.Entry<String, String> header : extra.entrySet()) {
        String name = header.getKey();
        if (name == null || !HEADER_NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("invalid header name: " + name);
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException("header " + name + " cannot be set as an extra header");
        }
        mime.setHeader(name, MimeUtility.fold(name.length() + 2,
            MimeUtility.encodeText(singleLine(header.getValue(), name), StandardCharsets.UTF_8.name(), null)));
      }
      mime.saveChanges();
      return mime;
    } catch (AddressException e) {
      throw new IllegalArgumentException("invalid address: " + e.getMessage(), e);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new MailProviderException("cannot build the message: " + e.getMessage(), false, e);
    }
  }

  private static InternetAddress parseOne(String address) throws AddressException {
    InternetAddress[] parsed = InternetAddress.parse(address, true);
    if (parsed.length != 1) throw new AddressException("expected one address", address);
    return parsed[0];
  }

  private static InternetAddress[] parse(List<String> addresses) throws AddressException {
    InternetAddress[] out = new InternetAddress[addresses.size()];
    for (int i = 0; i < out.length; i++) out[i] = parseOne(addresses.get(i));
    return out;
  }

  /** Header values come from callers: a line break in one would let it inject headers. */
  private static String singleLine(String value, String header) {
    if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("header " + header + " must be a single line");
    }
    return value;
  }
}
