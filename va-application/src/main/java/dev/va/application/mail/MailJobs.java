package dev.va.application.mail;

import dev.va.application.json.Json;
import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The background jobs of mail: their types, JSON payloads and idempotency keys. A key is held by one unfinished job
 * at a time, so queueing the same work again while it waits or runs adds nothing.
 */
public final class MailJobs {
  /** Syncs one account: {@code {"account_id": "..."}}, plus {@code "force": true} when a user asked for it. */
  public static final String SYNC = "mail.sync";
  /** Triages one stored message: {@code {"message_id": "...", "account_id": "..."}}. */
  public static final String TRIAGE = "mail.triage";

  static final int SYNC_ATTEMPTS = 3;
  static final String ACCOUNT_ID = "account_id";
  static final String MESSAGE_ID = "message_id";
  static final String FORCE = "force";

  private MailJobs() {}

  public static String syncPayload(EmailAccountId account, boolean force) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put(ACCOUNT_ID, JsonValue.of(account.toString()));
    if (force) members.put(FORCE, JsonValue.of(true));
    return Json.write(new JsonObject(members));
  }

  public static String syncKey(EmailAccountId account) {
    return SYNC + ":" + account;
  }

  /** A sync of the account due now, under its {@link #syncKey}: one of a user's, or one that new mail asks for. */
  static Job syncJob(UserId user, EmailAccountId account, boolean force, Instant now) {
    return Job.create(user, SYNC, Job.DEFAULT_QUEUE, JobPriority.HIGH, syncPayload(account, force), SYNC_ATTEMPTS,
        now, syncKey(account), now);
  }

  public static String triagePayload(EmailMessage message) {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put(MESSAGE_ID, JsonValue.of(message.id().toString()));
    members.put(ACCOUNT_ID, JsonValue.of(message.accountId().toString()));
    return Json.write(new JsonObject(members));
  }

  public static String triageKey(EmailMessage message) {
    return TRIAGE + ":" + message.id();
  }
}
