package dev.va.application.fake;

import dev.va.application.port.out.ScheduleClaims;
import dev.va.domain.job.Job;
import dev.va.domain.schedule.ScheduledTaskId;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Schedule claims in memory, writing their jobs to an {@link InMemoryJobRepository}. A claim whose task or job is gone
 * counts as gone, as the foreign keys make it go in the database.
 */
public final class InMemoryScheduleClaims implements ScheduleClaims {
  private record Key(ScheduledTaskId task, Instant fireAt) {}

  private static final Comparator<Key> BY_TIME =
      Comparator.comparing(Key::fireAt).thenComparing(key -> key.task().value());

  private final InMemoryScheduledTaskRepository tasks;
  private final InMemoryJobRepository jobs;
  /** By instant, so purging reads only the old ones. */
  private final NavigableMap<Key, Job> claims = new TreeMap<>(BY_TIME);
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
    // the smallest key of that instant (UUIDs compare signed here)
    Key bound = new Key(new ScheduledTaskId(new UUID(Long.MIN_VALUE, Long.MIN_VALUE)), firedBefore);
    claims.headMap(bound, false).keySet().removeIf(key -> !pending.contains(key));
    return before - claims.size();
  }

  /** The current record of a claim's job, or empty when the claim, its task or its job is gone. */
  private Optional<Job> live(Key key) {
    Job job = claims.get(key);
    if (job == null || !tasks.contains(key.task())) return Optional.empty();
    return jobs.findById(job.id());
  }
}
