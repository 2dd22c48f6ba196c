package dev.va.application.port.out;

import dev.va.domain.analysis.DataAnalysisJob;
import dev.va.domain.analysis.DataAnalysisJobId;
import dev.va.domain.user.UserId;
import java.util.Optional;

/** Data analyses of a user, newest first. */
public interface DataAnalysisJobRepository {
  void insert(DataAnalysisJob job);

  /** Replaces the stored analysis with the same id and owner; does nothing when there is none. */
  void update(DataAnalysisJob job);

  Optional<DataAnalysisJob> findById(UserId owner, DataAnalysisJobId id);

  Page<DataAnalysisJob> listByUser(UserId owner, PageRequest page);

  boolean delete(UserId owner, DataAnalysisJobId id);
}
