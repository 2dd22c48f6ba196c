package dev.va.application.fake;

import dev.va.application.port.out.AuditEventRepository;
import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.audit.AuditEventId;
import dev.va.domain.user.UserId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The audit log in memory: append-only, like the real one. */
public final class InMemoryAuditEventRepository implements AuditEventRepository, OwnedByUser {
  private final Map<AuditEventId, AuditEvent> events = new LinkedHashMap<>();

  @Override
  public synchronized void append(AuditEvent event) {
    if (events.containsKey(event.id())) throw new DuplicateException("id", "audit event id is taken");
    events.put(event.id(), event);
  }

  @Override
  public synchronized Page<AuditEvent> listByActor(UserId actor, PageRequest page) {
    var rows = events.values().stream()
        .filter(event -> actor.equals(event.actor()))
        .sorted(InMemoryPaging.newestFirst(AuditEvent::occurredAt, event -> event.id().value()))
        .toList();
    return InMemoryPaging.page(rows, page, AuditEvent::occurredAt, event -> event.id().value());
  }

  /** Every event in the order appended, those without actor included (which the port cannot list). */
  public synchronized List<AuditEvent> all() {
    return List.copyOf(events.values());
  }

  @Override
  public synchronized void deleteOwnedBy(UserId owner) {
    events.values().removeIf(event -> owner.equals(event.actor()));
  }
}
