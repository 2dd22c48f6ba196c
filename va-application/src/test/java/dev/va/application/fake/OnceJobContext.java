package dev.va.application.fake;

import dev.va.application.job.JobContext;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A delivery of a job to a handler, with {@link #once} kept in a {@link Ledger} that later deliveries share, as
 * the worker pool keeps it in the side-effect ledger: an effect that completed is not performed again, one that
 * threw may be.
 */
public final class OnceJobContext implements JobContext {
  /** Effects done so far, by key, with their recorded results. */
  public static final class Ledger {
    private final Map<String, String> done = new HashMap<>();

    /** The keys of the effects done. */
    public synchronized Set<String> done() {
      return Set.copyOf(done.keySet());
    }
  }

  private final Ledger ledger;
  private final Job job;

  /** A delivery of a job of {@code type} with {@code payload}. */
  public OnceJobContext(Ledger ledger, String type, String payload) {
    this.ledger = ledger;
    Instant now = Instant.parse("2025-03-04T10:16:00Z");
    this.job = Job.create(null, type, "default", JobPriority.NORMAL, payload, 5, now, null, now);
  }

  @Override
  public Job job() {
    return job;
  }

  @Override
  public String payload() {
    return job.payload();
  }

  @Override
  public void progress(int percent) {}

  @Override
  public boolean cancellationRequested() {
    return false;
  }

  @Override
  public boolean once(String effectKey, Runnable effect) {
    boolean[] ran = {false};
    once(effectKey, () -> {
      effect.run();
      ran[0] = true;
      return null;
    });
    return ran[0];
  }

  @Override
  public String once(String effectKey, Supplier<String> effect) {
    synchronized (ledger) {
      if (ledger.done.containsKey(effectKey)) return ledger.done.get(effectKey);
    }
    String result = effect.get();
    synchronized (ledger) {
      ledger.done.put(effectKey, result);
    }
    return result;
  }
}
