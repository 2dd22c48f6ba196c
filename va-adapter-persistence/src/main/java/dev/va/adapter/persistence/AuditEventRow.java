package dev.va.adapter.persistence;

import dev.va.domain.audit.AuditEvent;
import dev.va.domain.audit.AuditEventId;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code audit_events}; {@code details} as JSON text. */
record AuditEventRow(
    UUID id,
    UUID actorId,
    String action,
    String targetType,
    String targetId,
    Instant occurredAt,
    String requestId,
    String clientAddress,
    String details) {

  static AuditEventRow of(AuditEvent e) {
    return new AuditEventRow(e.id().value(), e.actor() == null ? null : e.actor().value(), e.action(),
        e.targetType(), e.targetId(), e.occurredAt(), e.requestId(), e.clientAddress(), Json.write(e.details()));
  }

  AuditEvent toDomain() {
    return new AuditEvent(new AuditEventId(id), actorId == null ? null : new UserId(actorId), action, targetType,
        targetId, occurredAt, requestId, clientAddress, Json.stringMap(details));
  }
}
