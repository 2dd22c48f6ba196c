package dev.va.application.triage.job;

import dev.va.application.job.JobRejectedException;
import dev.va.application.json.Json;
import dev.va.application.json.JsonParseException;
import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.json.JsonValue.JsonString;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.shared.DomainValidationException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The payload of a {@code mail.triage} job: {@code {"message_id": "...", "account_id": "..."}}. */
public record TriagePayload(EmailMessageId messageId, EmailAccountId accountId) {
  private static final int MAX_LENGTH = 4096;

  public String toJson() {
    Map<String, JsonValue> members = new LinkedHashMap<>();
    members.put("message_id", new JsonString(messageId.toString()));
    members.put("account_id", new JsonString(accountId.toString()));
    return Json.write(new JsonObject(members));
  }

  /** @throws JobRejectedException when the payload is not such a document: no retry can fix it */
  public static TriagePayload parse(String payload) {
    try {
      JsonValue value = Json.parse(payload, MAX_LENGTH, 4);
      if (!(value instanceof JsonObject object)) throw new JobRejectedException("payload is not a JSON object");
      return new TriagePayload(EmailMessageId.parse(text(object, "message_id"), "message_id"),
          EmailAccountId.parse(text(object, "account_id"), "account_id"));
    } catch (JsonParseException | DomainValidationException e) {
      throw new JobRejectedException("invalid triage payload: " + e.getMessage(), e);
    }
  }

  private static String text(JsonObject object, String key) {
    return object.get(key).filter(JsonString.class::isInstance).map(v -> ((JsonString) v).value())
        .orElseThrow(() -> new JobRejectedException("payload needs \"" + key + "\" as a string"));
  }
}
