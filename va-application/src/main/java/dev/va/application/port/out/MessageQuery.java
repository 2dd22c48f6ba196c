package dev.va.application.port.out;

import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Instant;

/**
 * Filters of the message list; null means "any". {@code receivedFrom} is inclusive, {@code receivedBefore}
 * exclusive. {@code text} is a literal substring (no wildcards) of the subject or the sender, matched
 * case-insensitively. Results come newest first (received time, then id).
 */
public record MessageQuery(
    UserId owner,
    EmailAccountId account,
    Category category,
    Boolean flagged,
    Boolean processed,
    Instant receivedFrom,
    Instant receivedBefore,
    String text,
    PageRequest page) {

  public MessageQuery {
    Require.nonNull(owner, "owner");
    Require.maxLength(text, 200, "q");
    Require.nonNull(page, "page");
  }

  public static MessageQuery all(UserId owner, int limit) {
    return new MessageQuery(owner, null, null, null, null, null, null, null, PageRequest.first(limit));
  }
}
