package dev.va.adapter.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Statements on {@code audit_events}, in AuditEventMapper.xml: insert and read only. */
interface AuditEventMapper {
  void insert(AuditEventRow row);

  /** Newest first, after ({@code cursorAt}, {@code cursorId}) when they are not null. */
  List<AuditEventRow> listByActor(UUID actorId, Instant cursorAt, UUID cursorId, int fetchSize);
}
