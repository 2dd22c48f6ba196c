package dev.va.domain.reply;

import dev.va.domain.shared.Require;

/**
 * To whom and under which subject a suppressed auto-reply would have gone, so the outbox can show what was held
 * back. There is no body: none was written. {@code recipient} is null when the message named no usable address.
 */
public record UnsentReply(String recipient, String subject) {
  public UnsentReply {
    Require.that(recipient == null || ReplyMessage.fitsRecipient(recipient), "recipient",
        "recipient must be one line of at most " + ReplyMessage.MAX_RECIPIENT + " characters");
    Require.nonNull(subject, "subject");
    Require.maxLength(subject, ReplyMessage.MAX_SUBJECT, "subject");
    Require.that(ReplyMessage.oneLine(subject), "subject", "subject must be one line");
  }
}
