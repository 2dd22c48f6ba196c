package dev.va.application.reply;

import dev.va.application.job.JobRejectedException;
import dev.va.application.json.Json;
import dev.va.application.json.JsonParseException;
import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.json.JsonValue.JsonString;
import dev.va.application.port.out.JobQueue;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobPriority;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.OutboxEntryId;
import dev.va.domain.shared.DomainValidationException;
import java.time.Instant;
import java.util.Map;

/**
 * The send job of the outbox: {@code {"outbox_id": "..."}}, owned by the entry's user. Its idempotency key is the
 * entry id, so queueing the send of an entry again while its job waits or runs adds nothing; a check after a lease
 * has its own key per claim.
 */
public final class ReplyJobs {
  public static final String SEND = "mail.autoreply.send";
  static final String OUTBOX_ID = "outbox_id";
  static final int MAX_ATTEMPTS = 5;

  private ReplyJobs() {}

  /** Queues the send of {@code entry} now. */
  public static Job enqueueSend(JobQueue queue, OutboxEntry entry, Instant now) {
    return queue.enqueue(job(entry.id(), entry, now, entry.id().toString(), now));
  }

  /** Queues the send of {@code entry} again, at the user's request: a key of its own per claim. */
  public static Job enqueueResend(JobQueue queue, OutboxEntry entry, Instant now) {
    return queue.enqueue(job(entry.id(), entry, now, entry.id() + ":resend:" + entry.attempts(), now));
  }

  /**
   * Queues a look at {@code entry} at {@code at}, once the lease of its current claim has run out. The key names the
   * job asking, so a look that comes too early (a worker's clock behind another's) can queue the next one.
   */
  static Job enqueueLeaseCheck(JobQueue queue, OutboxEntry entry, JobId asking, Instant at, Instant now) {
    return queue.enqueue(job(entry.id(), entry, at, entry.id() + ":lease:" + entry.attempts() + ":" + asking, now));
  }

  static OutboxEntryId outboxId(String payload) {
    try {
      JsonValue root = Json.parse(payload);
      if (root instanceof JsonObject object && object.get(OUTBOX_ID).orElse(null) instanceof JsonString id) {
        return OutboxEntryId.parse(id.value(), OUTBOX_ID);
      }
    } catch (JsonParseException | DomainValidationException e) {
      throw new JobRejectedException("payload must be {\"outbox_id\": \"<uuid>\"}: " + e.getMessage(), e);
    }
    throw new JobRejectedException("payload must be {\"outbox_id\": \"<uuid>\"}");
  }

  private static Job job(OutboxEntryId id, OutboxEntry entry, Instant runAt, String key, Instant now) {
    String payload = Json.write(new JsonObject(Map.of(OUTBOX_ID, JsonValue.of(id.toString()))));
    return Job.create(entry.userId(), SEND, Job.DEFAULT_QUEUE, JobPriority.HIGH, payload, MAX_ATTEMPTS, runAt, key,
        now);
  }
}
