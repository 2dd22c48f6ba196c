package dev.va.application.port.out;

import dev.va.domain.audit.AuditEvent;
import dev.va.domain.user.UserId;

/** The audit log: append-only. Rows go only with the deletion of their user. */
public interface AuditEventRepository {
  /** @throws DuplicateException naming {@code id} when an event with that id was already appended */
  void append(AuditEvent event);

  /** Events whose actor is {@code actor}, newest first. */
  Page<AuditEvent> listByActor(UserId actor, PageRequest page);
}
