package dev.va.domain.audit;

import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.Map;

/**
 * One state change, recorded append-only: who ({@code actor}, null when unknown such as a failed login for an
 * unknown name), what ({@code action}, e.g. {@code user.login_failed}), on what, when, and from where.
 */
public record AuditEvent(
    AuditEventId id,
    UserId actor,
    String action,
    String targetType,
    String targetId,
    Instant occurredAt,
    String requestId,
    String clientAddress,
    Map<String, String> details) {

  public AuditEvent {
    Require.nonNull(id, "id");
    Require.notBlank(action, "action");
    Require.maxLength(action, 100, "action");
    Require.maxLength(targetType, 100, "target_type");
    Require.maxLength(targetId, 200, "target_id");
    Require.nonNull(occurredAt, "occurred_at");
    Require.maxLength(requestId, 100, "request_id");
    Require.maxLength(clientAddress, 100, "client_address");
    details = Map.copyOf(details == null ? Map.of() : details);
  }

  public static AuditEvent of(UserId actor, String action, String targetType, String targetId, Instant now,
      String requestId, String clientAddress, Map<String, String> details) {
    return new AuditEvent(AuditEventId.random(), actor, action, targetType, targetId, now, requestId, clientAddress,
        details);
  }
}
