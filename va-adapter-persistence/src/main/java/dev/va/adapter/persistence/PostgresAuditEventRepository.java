package dev.va.adapter.persistence;

import dev.va.application.port.out.AuditEventRepository;
import dev.va.application.port.out.Cursor;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.user.UserId;

/** The audit log in PostgreSQL; a trigger refuses updates and deletes other than the cascade from users. */
public final class PostgresAuditEventRepository implements AuditEventRepository {
  private final Database database;

  public PostgresAuditEventRepository(Database database) {
    this.database = database;
  }

  @Override
  public void append(AuditEvent event) {
    database.run(AuditEventMapper.class, mapper -> mapper.insert(AuditEventRow.of(event)));
  }

  @Override
  public Page<AuditEvent> listByActor(UserId actor, PageRequest page) {
    Cursor after = Pages.after(page);
    var rows = database.call(AuditEventMapper.class, mapper -> mapper.listByActor(actor.value(),
        after == null ? null : after.at(), after == null ? null : after.id(), Pages.fetchSize(page)));
    return Pages.of(rows, page, AuditEventRow::occurredAt, AuditEventRow::id, AuditEventRow::toDomain);
  }
}
