package dev.va.application.reply;

import dev.va.application.ConflictException;
import dev.va.application.NotFoundException;
import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.port.in.OutboxUseCases.GetOutboxEntry;
import dev.va.application.port.in.OutboxUseCases.ListOutbox;
import dev.va.application.port.in.OutboxUseCases.ResendOutboxEntry;
import dev.va.application.port.out.AutoReplyOutbox;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.OutboxEntryId;
import dev.va.domain.reply.OutboxStatus;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** The user's view of the outbox, and sending an uncertain or failed reply again by hand. */
public final class OutboxService implements ListOutbox, GetOutboxEntry, ResendOutboxEntry {
  private final AutoReplyOutbox outbox;
  private final JobQueue queue;
  private final AuditTrail audit;
  private final Clock clock;

  public OutboxService(AutoReplyOutbox outbox, JobQueue queue, AuditTrail audit, Clock clock) {
    this.outbox = outbox;
    this.queue = queue;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public Page<OutboxEntry> list(UserId user, OutboxStatus status, PageRequest page) {
    return outbox.list(user, status, page);
  }

  @Override
  public OutboxEntry get(UserId user, OutboxEntryId entry) {
    return outbox.findById(user, entry).orElseThrow(() -> new NotFoundException("outbox entry"));
  }

  @Override
  public OutboxEntry resend(UserId user, OutboxEntryId id, RequestMeta meta) {
    OutboxEntry current = get(user, id);
    Instant now = clock.instant();
    OutboxEntry requeued = outbox.requeue(user, id, now).orElseThrow(() -> new ConflictException("not_resendable",
        "only an uncertain or failed reply can be sent again; this one is "
            + current.status().name().toLowerCase(Locale.ROOT)));
    ReplyJobs.enqueueResend(queue, requeued, now);
    audit.record(user, "autoreply.resend_requested", "outbox_entry", id.toString(), meta,
        Map.of("previous_status", current.status().name().toLowerCase(Locale.ROOT)));
    return requeued;
  }
}
