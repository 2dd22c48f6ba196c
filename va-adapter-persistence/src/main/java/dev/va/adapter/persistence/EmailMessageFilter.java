package dev.va.adapter.persistence;

import dev.va.application.port.out.Cursor;
import dev.va.application.port.out.MessageQuery;
import dev.va.application.port.out.PageRequest;
import java.time.Instant;
import java.util.UUID;

/** The parameters of the message list statement, as plain column values (null: no filter). */
record EmailMessageFilter(
    UUID userId,
    UUID accountId,
    String category,
    Boolean flagged,
    Boolean processed,
    Instant receivedFrom,
    Instant receivedBefore,
    String textPattern,
    Instant cursorAt,
    UUID cursorId,
    int fetchSize) {

  static EmailMessageFilter of(MessageQuery q) {
    PageRequest page = q.page();
    Cursor after = Pages.after(page);
    return new EmailMessageFilter(q.owner().value(), q.account() == null ? null : q.account().value(),
        q.category() == null ? null : q.category().name(), q.flagged(), q.processed(), q.receivedFrom(),
        q.receivedBefore(), q.text() == null ? null : containsPattern(q.text()),
        after == null ? null : after.at(), after == null ? null : after.id(), Pages.fetchSize(page));
  }

  /** An ILIKE pattern (escape character backslash) matching {@code text} literally anywhere. */
  private static String containsPattern(String text) {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
