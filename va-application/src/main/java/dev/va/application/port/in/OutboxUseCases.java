package dev.va.application.port.in;

import dev.va.application.RequestMeta;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.OutboxEntryId;
import dev.va.domain.reply.OutboxStatus;
import dev.va.domain.user.UserId;

/**
 * The replies va sent, is sending, or suppressed for a user, with the reason of each suppression or failure. A reply
 * whose fate is uncertain (its worker vanished mid-send) or that failed is only ever sent again when the user asks.
 */
public interface OutboxUseCases {
  /** Newest first; {@code status} null lists every entry. */
  interface ListOutbox {
    Page<OutboxEntry> list(UserId user, OutboxStatus status, PageRequest page);
  }

  interface GetOutboxEntry {
    OutboxEntry get(UserId user, OutboxEntryId entry);
  }

  /**
   * Sends an UNCERTAIN or FAILED reply again, with its original Message-ID (so a recipient who got it already can
   * recognise the copy); any other status is a {@code ConflictException} ({@code not_resendable}).
   */
  interface ResendOutboxEntry {
    OutboxEntry resend(UserId user, OutboxEntryId entry, RequestMeta meta);
  }
}
