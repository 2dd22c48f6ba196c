package dev.va.adapter.persistence;

import dev.va.application.port.out.Cursor;
import dev.va.application.port.out.JobQuery;
import java.time.Instant;
import java.util.UUID;

/** The parameters of the job list statement, as plain column values (null: no filter). */
record JobFilter(UUID userId, String status, String type, String queue, Instant cursorAt, UUID cursorId,
    int fetchSize) {

  static JobFilter of(JobQuery q) {
    Cursor after = Pages.after(q.page());
    return new JobFilter(q.owner().value(), q.status() == null ? null : q.status().name(), q.type(), q.queue(),
        after == null ? null : after.at(), after == null ? null : after.id(), Pages.fetchSize(q.page()));
  }
}
