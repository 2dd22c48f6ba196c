package dev.va.adapter.persistence;

import dev.va.application.port.out.ScheduleClaims;
import dev.va.domain.job.Job;
import dev.va.domain.schedule.ScheduledTaskId;
import java.time.Instant;
import java.util.List;
import org.postgresql.util.PSQLException;

/**
 * Schedule claims in PostgreSQL: the primary key (task_id, fire_at) of {@code schedule_claims} decides which
 * scheduler fires an instant; the claim and its job row are written in one transaction.
 */
public final class PostgresScheduleClaims implements ScheduleClaims {
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final Database database;

  public PostgresScheduleClaims(Database database) {
    this.database = database;
  }

  @Override
  public boolean claim(ScheduledTaskId task, Instant fireAt, Job job) {
    try {
      // the job row first, as the claim references it; it is rolled back with a claim that lost
      return database.commitIf(session -> {
        session.getMapper(JobMapper.class).upsertAll(JobColumns.of(List.of(JobRow.of(job))));
        return session.getMapper(ScheduleClaimMapper.class)
            .claim(task.value(), fireAt, job.id().value(), job.createdAt()) == 1;
      });
    } catch (RuntimeException e) {
      if (taskDeletedMeanwhile(e)) return false;
      throw e;
    }
  }

  @Override
  public List<Claim> unenqueued(Instant olderThan, int limit) {
    return database.call(ScheduleClaimMapper.class, mapper -> mapper.unenqueued(olderThan, limit)).stream()
        .map(ScheduleClaimRow::toDomain).toList();
  }

  @Override
  public void markEnqueued(ScheduledTaskId task, Instant fireAt) {
    database.run(ScheduleClaimMapper.class, mapper -> mapper.markEnqueued(task.value(), fireAt));
  }

  @Override
  public int purge(Instant firedBefore) {
    return database.call(ScheduleClaimMapper.class, mapper -> mapper.purge(firedBefore));
  }

  private static boolean taskDeletedMeanwhile(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PSQLException sql && FOREIGN_KEY_VIOLATION.equals(sql.getSQLState())) return true;
    }
    return false;
  }
}
