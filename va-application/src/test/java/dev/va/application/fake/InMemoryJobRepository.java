package dev.va.application.fake;

import dev.va.application.port.out.JobQuery;
import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.Page;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobStatus;
import dev.va.domain.user.UserId;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Job records in memory. */
public final class InMemoryJobRepository implements JobRepository, OwnedByUser {
  private static final EnumSet<JobStatus> UNFINISHED =
      EnumSet.of(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.FAILED);
  // PostgreSQL orders uuids byte by byte, as their lower-case text sorts
  private static final Comparator<Job> OLDEST_FIRST =
      Comparator.comparing(Job::createdAt).thenComparing(job -> job.id().value().toString());

  private final Map<JobId, Job> jobs = new LinkedHashMap<>();

  @Override
  public synchronized void upsertAll(Collection<Job> batch) {
    batch.forEach(job -> jobs.merge(job.id(), job, (stored, next) -> stored.replaceableBy(next) ? next : stored));
  }

  @Override
  public synchronized Optional<Job> findById(JobId id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public synchronized Optional<Job> findById(UserId owner, JobId id) {
    return findById(id).filter(job -> owner.equals(job.userId()));
  }

  @Override
  public synchronized Page<Job> list(JobQuery query) {
    var rows = jobs.values().stream()
        .filter(job -> query.owner().equals(job.userId())
            && (query.status() == null || job.status() == query.status())
            && (query.type() == null || job.type().equals(query.type()))
            && (query.queue() == null || job.queue().equals(query.queue())))
        .sorted(InMemoryPaging.newestFirst(Job::createdAt, job -> job.id().value()))
        .toList();
    return InMemoryPaging.page(rows, query.page(), Job::createdAt, job -> job.id().value());
  }

  @Override
  public synchronized List<Job> unfinished(Job after, int max) {
    return jobs.values().stream()
        .filter(job -> UNFINISHED.contains(job.status()))
        .filter(job -> after == null || OLDEST_FIRST.compare(job, after) > 0)
        .sorted(OLDEST_FIRST)
        .limit(max)
        .toList();
  }

  @Override
  public synchronized void deleteOwnedBy(UserId owner) {
    jobs.values().removeIf(job -> owner.equals(job.userId()));
  }
}
