package dev.va.application.fake;

import dev.va.application.port.out.JobHistory;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Keeps every recorded state, so tests can check the transitions a job went through. States reach a history out of
 * order when another worker ran the retry before the first reported its failure: a job's states are given in the
 * order of their revisions (in the order recorded where equal), and its latest is the newest, as a store keeps it.
 */
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
    return recorded.stream().filter(j -> j.id().equals(id)).sorted(Comparator.comparingLong(Job::revision)).toList();
  }

  public synchronized Optional<Job> latest(JobId id) {
    List<Job> states = of(id);
    return states.isEmpty() ? Optional.empty() : Optional.of(states.get(states.size() - 1));
  }
}
