package dev.va.application.fake;

import dev.va.application.port.out.ScheduleClaims;
import dev.va.domain.job.Job;
import dev.va.domain.schedule.ScheduledTaskId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Schedule claims in memory, writing their jobs to an {@link InMemoryJobRepository}. A claim whose task or job is gone
 * counts as gone, as the foreign keys make it go in the database.
 */
public final class InMemoryScheduleClaims implements ScheduleClaims {
  private record Key(ScheduledTaskId task, Instant fireAt) {}

  private final InMemoryScheduledTaskRepository tasks;
  private final InMemoryJobRepository jobs;
  private final Map<Key, Job> claims = new HashMap<>();
  /** Claims not yet enqueued, kept apart so recovery never scans every claim. */
  private final Set<Key> pending = new LinkedHashSet<>();

  public InMemoryScheduleClaims(InMemoryScheduledTaskRepository tasks, InMemoryJobRepository jobs) {
    this.tasks = tasks;
    this.jobs = jobs;
  }

  @Override
  public synchronized boolean claim(ScheduledTaskId task, Instant fireAt, Job job) {
    Key key = new Key(task, fireAt);
    if (!tasks.contains(task) || live(key).isPresent()) return false;
    claims.put(key, job);
    pending.add(key);
    jobs.upsertAll(List.of(job));
    return true;
  }

  @Override
  public synchronized List<Claim> unenqueued(Instant olderThan, int limit) {
    return List.copyOf(pending).stream()
        .flatMap(key -> live(key).stream().map(job -> new Claim(key.task(), key.fireAt(), job)))
        .filter(claim -> claim.job().createdAt().isBefore(olderThan))
        .sorted(Comparator.comparing((Claim claim) -> claim.job().createdAt()).thenComparing(Claim::fireAt))
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized void markEnqueued(ScheduledTaskId task, Instant fireAt) {
    pending.remove(new Key(task, fireAt));
  }

  @Override
  public synchronized int purge(Instant firedBefore) {
    int before = claims.size();
    claims.keySet().removeIf(key -> live(key).isEmpty() || (!pending.contains(key) && key.fireAt().isBefore(firedBefore)));
    pending.removeIf(key -> !claims.containsKey(key));
    return before - claims.size();
  }

  /** The current record of a claim's job, or empty when the claim, its task or its job is gone. */
  private Optional<Job> live(Key key) {
    Job job = claims.get(key);
    if (job == null || !tasks.contains(key.task())) return Optional.empty();
    return jobs.findById(job.id());
  }
}
