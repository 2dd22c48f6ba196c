package dev.va.application.fake;

import dev.va.application.port.out.JobHistory;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps every recorded state in order, so tests can check the transitions a job went through. */
public final class RecordingJobHistory implements JobHistory {
  private final List<Job> recorded = new ArrayList<>();

  @Override
  public synchronized void record(Job job) {
    recorded.add(job);
  }

  public synchronized List<Job> all() {
    return List.copyOf(recorded);
  }

  public synchronized List<Job> of(JobId id) {
    return recorded.stream().filter(j -> j.id().equals(id)).toList();
  }

  public synchronized Optional<Job> latest(JobId id) {
    List<Job> states = of(id);
    return states.isEmpty() ? Optional.empty() : Optional.of(states.get(states.size() - 1));
  }
}
