package dev.va.adapter.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Rows of {@code jobs} as one array per column, for a single {@code INSERT ... SELECT FROM unnest(...)}: seventeen
 * parameters however many rows, so PostgreSQL parses and plans one small statement and MyBatis binds seventeen
 * values instead of seventeen per row. Uuids and times travel as text and are cast in the statement.
 */
record JobColumns(String[] id, String[] userId, String[] type, String[] queue, String[] priority, String[] payload,
    String[] status, Integer[] attempts, Integer[] maxAttempts, String[] runAt, String[] idempotencyKey,
    Integer[] progress, String[] lastError, String[] createdAt, String[] startedAt, String[] finishedAt,
    Long[] revision) {

  static JobColumns of(List<JobRow> rows) {
    int n = rows.size();
    JobColumns c = new JobColumns(new String[n], new String[n], new String[n], new String[n], new String[n],
        new String[n], new String[n], new Integer[n], new Integer[n], new String[n], new String[n], new Integer[n],
        new String[n], new String[n], new String[n], new String[n], new Long[n]);
    for (int i = 0; i < n; i++) {
      JobRow r = rows.get(i);
      c.id[i] = r.id().toString();
      c.userId[i] = r.userId() == null ? null : r.userId().toString();
      c.type[i] = r.type();
      c.queue[i] = r.queue();
      c.priority[i] = r.priority();
      c.payload[i] = r.payload();
      c.status[i] = r.status();
      c.attempts[i] = r.attempts();
      c.maxAttempts[i] = r.maxAttempts();
      c.runAt[i] = time(r.runAt());
      c.idempotencyKey[i] = r.idempotencyKey();
      c.progress[i] = r.progress();
      c.lastError[i] = r.lastError();
      c.createdAt[i] = time(r.createdAt());
      c.startedAt[i] = time(r.startedAt());
      c.finishedAt[i] = time(r.finishedAt());
      c.revision[i] = r.revision();
    }
    return c;
  }

  /** ISO-8601 in UTC, rounded half up to the microseconds timestamptz keeps, as the JDBC driver rounds. */
  private static String time(Instant t) {
    if (t == null) return null;
    Instant rounded = t.getNano() % 1_000 >= 500 ? t.plusNanos(1_000) : t;
    return rounded.truncatedTo(ChronoUnit.MICROS).toString();
  }
}
