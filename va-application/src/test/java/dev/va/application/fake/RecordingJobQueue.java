package dev.va.application.fake;

import dev.va.application.port.out.JobQueue;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The part of {@link JobQueue} that use cases reach, recorded: enqueueing (with the port's idempotency: a job whose
 * key an unfinished job holds, or whose id is known, is not queued and the existing job comes back), find and
 * cancel. Nothing runs the jobs; a test ends one with {@link #finish}. A proxy, so it keeps compiling as the port
 * grows: any other call fails the test.
 */
public final class RecordingJobQueue {
  private final Clock clock;
  private final Map<JobId, Job> accepted = new LinkedHashMap<>();
  private final Set<JobId> finished = new HashSet<>();
  private final List<JobId> cancelled = new ArrayList<>();
  private final JobQueue queue = (JobQueue) Proxy.newProxyInstance(JobQueue.class.getClassLoader(),
      new Class<?>[] {JobQueue.class}, (proxy, method, args) -> {
        if (method.getDeclaringClass() == Object.class) {
          return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "RecordingJobQueue";
          };
        }
        return switch (method.getName()) {
          case "enqueue" -> enqueue((Job) args[0]);
          case "enqueueAll" -> enqueueAll(jobs(args[0]));
          case "find" -> find((JobId) args[0]);
          case "cancel" -> cancel((JobId) args[0]);
          default -> throw new UnsupportedOperationException("JobQueue." + method.getName() + " is not expected here");
        };
      });

  public RecordingJobQueue(Clock clock) {
    this.clock = clock;
  }

  public JobQueue queue() {
    return queue;
  }

  /** Every job the queue took, in order (not the calls it answered with an existing job). */
  public synchronized List<Job> enqueued() {
    return List.copyOf(accepted.values());
  }

  public synchronized List<Job> enqueued(String type) {
    return accepted.values().stream().filter(job -> job.type().equals(type)).toList();
  }

  /** Ends the job as a worker would, which frees its idempotency key. */
  public synchronized void finish(JobId id) {
    if (!accepted.containsKey(id)) throw new IllegalArgumentException("no job " + id);
    finished.add(id);
  }

  /** Every id {@code cancel} was called with, known to the queue or not. */
  public synchronized List<JobId> cancelled() {
    return List.copyOf(cancelled);
  }

  private synchronized Job enqueue(Job job) {
    Job known = accepted.get(job.id());
    if (known != null) return known;
    if (job.idempotencyKey() != null) {
      for (Job other : accepted.values()) {
        if (!finished.contains(other.id()) && job.idempotencyKey().equals(other.idempotencyKey())) return other;
      }
    }
    accepted.put(job.id(), job);
    return job;
  }

  private synchronized List<Job> enqueueAll(List<Job> jobs) {
    return jobs.stream().map(this::enqueue).toList();
  }

  private synchronized Optional<Job> find(JobId id) {
    return Optional.ofNullable(accepted.get(id)).filter(job -> !finished.contains(id));
  }

  private synchronized Optional<Job> cancel(JobId id) {
    cancelled.add(id);
    Optional<Job> pending = find(id);
    pending.ifPresent(job -> finished.add(id));
    return pending.map(job -> job.cancelled(clock.instant()));
  }

  @SuppressWarnings("unchecked")
  private static List<Job> jobs(Object list) {
    return ((List<Job>) Objects.requireNonNull(list)).stream().toList();
  }
}
