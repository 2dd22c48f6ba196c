package dev.va.application.fake;

import dev.va.application.port.out.JobHistory;
import dev.va.application.port.out.JobHistoryContract;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import java.util.Optional;

class RecordingJobHistoryTest implements JobHistoryContract {
  private final RecordingJobHistory history = new RecordingJobHistory();

  @Override
  public JobHistory history() {
    return history;
  }

  @Override
  public Optional<Job> latest(JobId id) {
    return history.latest(id);
  }
}
