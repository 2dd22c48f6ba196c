package dev.va.adapter.persistence;

import dev.va.application.port.out.JobQuery;
import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.Page;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Job records in PostgreSQL, written in multi-row upserts (one statement per {@value #ROWS_PER_STATEMENT} rows). */
public final class PostgresJobRepository implements JobRepository {
  /** Rows per statement: bounds the arrays each statement sends. */
  static final int ROWS_PER_STATEMENT = 5000;

  private final Database database;

  public PostgresJobRepository(Database database) {
    this.database = database;
  }

  @Override
  public void upsertAll(Collection<Job> jobs) {
    // one statement may not touch a row twice (ON CONFLICT DO UPDATE), so keep only the newest version of each id
    Map<JobId, Job> latest = new LinkedHashMap<>();
    jobs.forEach(job -> latest.merge(job.id(), job, (kept, next) -> kept.replaceableBy(next) ? next : kept));
    if (latest.isEmpty()) return;
    List<JobRow> rows = latest.values().stream().map(JobRow::of).toList();
    database.inTransaction(JobMapper.class, mapper -> {
      for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
        mapper.upsertAll(JobColumns.of(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT))));
      }
    });
  }

  @Override
  public Optional<Job> findById(JobId id) {
    return Optional.ofNullable(database.call(JobMapper.class, mapper -> mapper.findById(id.value())))
        .map(JobRow::toDomain);
  }

  @Override
  public Optional<Job> findById(UserId owner, JobId id) {
    return Optional.ofNullable(database.call(JobMapper.class, mapper -> mapper.findByOwner(owner.value(), id.value())))
        .map(JobRow::toDomain);
  }

  @Override
  public Page<Job> list(JobQuery query) {
    JobFilter filter = JobFilter.of(query);
    return Pages.of(database.call(JobMapper.class, mapper -> mapper.list(filter)), query.page(), JobRow::createdAt,
        JobRow::id, JobRow::toDomain);
  }

  @Override
  public List<Job> unfinished(Job after, int max) {
    Instant afterAt = after == null ? null : after.createdAt();
    UUID afterId = after == null ? null : after.id().value();
    return database.call(JobMapper.class, mapper -> mapper.unfinished(afterAt, afterId, max)).stream()
        .map(JobRow::toDomain).toList();
  }
}
