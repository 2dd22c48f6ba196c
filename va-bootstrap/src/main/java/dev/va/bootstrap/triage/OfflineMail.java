package dev.va.bootstrap.triage;

import dev.va.adapter.mail.mime.MimeIngest;
import dev.va.adapter.mail.mime.MimeLimits;
import dev.va.adapter.mail.mime.ParsedMessage;
import dev.va.adapter.mail.mime.RawMessage;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Raw messages read from files, as the domain messages triage works on. Offline there is no user or account: one
 * fixed pair stands for them. A message is malformed when parsing found no header field at all (an empty or binary
 * file, plain text): there is nothing to triage. Everything else is kept, with the parser's warnings.
 */
final class OfflineMail {
  static final UserId USER = new UserId(new UUID(0, 1));
  static final EmailAccountId ACCOUNT = new EmailAccountId(new UUID(0, 1));
  private static final int MAX_PROVIDER_ID = 512;

  /** A message read from {@code source}, or why it could not be. */
  sealed interface Parsed permits Message, Malformed {
    String source();
  }

  record Message(String source, EmailMessage message) implements Parsed {}

  record Malformed(String source, String error) implements Parsed {}

  private final MimeIngest ingest = new MimeIngest(MimeLimits.defaults());
  private final Clock clock;

  OfflineMail(Clock clock) {
    this.clock = clock;
  }

  long maxMessageBytes() {
    return ingest.limits().maxMessageBytes();
  }

  /** @param source where the message came from, as shown to the user */
  Parsed parse(String source, RawMessage raw) {
    if (raw.bytes().length == 0) return new Malformed(source, "not a mail message: the file is empty");
    ParsedMessage parsed = ingest.parse(raw.bytes(), raw.sizeBytes());
    if (parsed.headers().isEmpty()) return new Malformed(source, "not a mail message: no header fields");
    String providerId = source.length() <= MAX_PROVIDER_ID ? source
        : source.substring(source.length() - MAX_PROVIDER_ID);
    return new Message(source, parsed.toEmailMessage(ACCOUNT, USER, providerId, null, List.of(), clock.instant()));
  }
}
