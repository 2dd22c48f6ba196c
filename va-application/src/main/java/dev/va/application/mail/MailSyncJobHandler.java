package dev.va.application.mail;

import dev.va.application.job.JobContext;
import dev.va.application.job.JobHandler;
import dev.va.application.job.JobRejectedException;
import dev.va.application.json.Json;
import dev.va.application.json.JsonParseException;
import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonBool;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.json.JsonValue.JsonString;
import dev.va.application.mail.MailSyncService.Outcome;
import dev.va.application.mail.MailSyncService.Result;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.shared.DomainValidationException;
import java.lang.System.Logger.Level;

/**
 * Runs {@link MailJobs#SYNC} jobs. A provider failure is the account's state, not the job's: the job succeeds and the
 * account backs off, so failing mailboxes never fill the retry queue. Only an unreadable payload (dead at once) or a
 * failure of va itself (e.g. the database, retried) fails the job.
 */
public final class MailSyncJobHandler implements JobHandler {
  private static final System.Logger LOG = System.getLogger(MailSyncJobHandler.class.getName());

  private final MailSyncService sync;

  public MailSyncJobHandler(MailSyncService sync) {
    this.sync = sync;
  }

  @Override
  public String type() {
    return MailJobs.SYNC;
  }

  @Override
  public void handle(JobContext context) {
    JsonObject payload = payload(context.payload());
    EmailAccountId account = account(payload);
    boolean force = payload.get(MailJobs.FORCE).filter(JsonBool.class::isInstance)
        .map(v -> ((JsonBool) v).value()).orElse(false);
    Result result = sync.sync(account, force, context::cancellationRequested);
    Level level = result.outcome() == Outcome.FAILED || result.outcome() == Outcome.CREDENTIALS_REFUSED
        ? Level.WARNING : Level.DEBUG;
    LOG.log(level, "sync of account {0}: {1}, {2} new message(s){3}", account, result.outcome(), result.stored(),
        result.more() ? ", more to come" : "");
  }

  private static JsonObject payload(String text) {
    try {
      JsonValue value = Json.parse(text);
      if (value instanceof JsonObject object) return object;
      throw new JobRejectedException("payload must be a JSON object, got " + value.typeName());
    } catch (JsonParseException e) {
      throw new JobRejectedException("payload is not valid JSON: " + e.getMessage(), e);
    }
  }

  private static EmailAccountId account(JsonObject payload) {
    JsonValue value = payload.get(MailJobs.ACCOUNT_ID)
        .orElseThrow(() -> new JobRejectedException("payload has no " + MailJobs.ACCOUNT_ID));
    if (!(value instanceof JsonString text)) {
      throw new JobRejectedException(MailJobs.ACCOUNT_ID + " must be a string, got " + value.typeName());
    }
    try {
      return EmailAccountId.parse(text.value(), MailJobs.ACCOUNT_ID);
    } catch (DomainValidationException e) {
      throw new JobRejectedException(e.getMessage(), e);
    }
  }
}
