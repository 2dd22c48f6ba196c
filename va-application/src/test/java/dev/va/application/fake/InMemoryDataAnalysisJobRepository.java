package dev.va.application.fake;

import dev.va.application.port.out.DataAnalysisJobRepository;
import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.analysis.DataAnalysisJob;
import dev.va.domain.analysis.DataAnalysisJobId;
import dev.va.domain.user.UserId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Data analyses in memory. */
public final class InMemoryDataAnalysisJobRepository implements DataAnalysisJobRepository, OwnedByUser {
  private final Map<DataAnalysisJobId, DataAnalysisJob> analyses = new LinkedHashMap<>();

  @Override
  public synchronized void insert(DataAnalysisJob job) {
    if (analyses.containsKey(job.id())) throw new DuplicateException("id", "analysis id is taken");
    analyses.put(job.id(), job);
  }

  @Override
  public synchronized void update(DataAnalysisJob job) {
    if (findById(job.userId(), job.id()).isPresent()) analyses.put(job.id(), job);
  }

  @Override
  public synchronized Optional<DataAnalysisJob> findById(UserId owner, DataAnalysisJobId id) {
    return Optional.ofNullable(analyses.get(id)).filter(job -> job.userId().equals(owner));
  }

  @Override
  public synchronized Page<DataAnalysisJob> listByUser(UserId owner, PageRequest page) {
    var rows = analyses.values().stream()
        .filter(job -> job.userId().equals(owner))
        .sorted(InMemoryPaging.newestFirst(DataAnalysisJob::createdAt, job -> job.id().value()))
        .toList();
    return InMemoryPaging.page(rows, page, DataAnalysisJob::createdAt, job -> job.id().value());
  }

  @Override
  public synchronized boolean delete(UserId owner, DataAnalysisJobId id) {
    return findById(owner, id).map(job -> analyses.remove(id)).isPresent();
  }

  @Override
  public synchronized void deleteOwnedBy(UserId owner) {
    analyses.values().removeIf(job -> job.userId().equals(owner));
  }
}
