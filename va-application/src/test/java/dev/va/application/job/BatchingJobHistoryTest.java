package dev.va.application.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.fake.InMemoryJobRepository;
import dev.va.application.port.out.JobHistory;
import dev.va.application.port.out.JobHistoryContract;
import dev.va.application.port.out.JobQuery;
import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.Page;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobPriority;
import dev.va.domain.job.JobStatus;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchingJobHistoryTest implements JobHistoryContract {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration LONG = Duration.ofHours(1);

  private final Store store = new Store();
  private BatchingJobHistory history = new BatchingJobHistory(store, settings(100, Duration.ofMillis(20), 1_000));

  @AfterEach
  void close() {
    store.open();
    history.close();
  }

  @Override
  public JobHistory history() {
    return history;
  }

  @Override
  public Optional<Job> latest(JobId id) {
    try {
      history.flush();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return store.findById(id);
  }

  private static BatchingJobHistory.Settings settings(int batchSize, Duration interval, int capacity) {
    return new BatchingJobHistory.Settings(batchSize, interval, capacity, Duration.ofMillis(5), Duration.ofMillis(20),
        Duration.ofMillis(300));
  }

  private void use(BatchingJobHistory.Settings settings) {
    history.close();
    history = new BatchingJobHistory(store, settings);
  }

  private static Job job() {
    return Job.create(null, "noop", Job.DEFAULT_QUEUE, JobPriority.NORMAL, "{}", 3, NOW, null, NOW);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 5 s");
      Thread.sleep(2);
    }
  }

  @Test
  void aJobChangedSeveralTimesBeforeAWriteIsWrittenOnceInItsLastState() throws Exception {
    use(settings(1_000, LONG, 10_000));
    Job queued = job();
    Job running = queued.started(NOW.plusSeconds(1));
    Job done = running.succeeded(NOW.plusSeconds(2));
    Job other = job().started(NOW);
    history.record(running);
    history.record(other);
    history.record(done);

    history.flush();

    assertThat(store.batches()).containsExactly(List.of(other, done));
  }

  @Test
  void aStateReportedLateDoesNotReplaceANewerOneInTheSameBatch() throws Exception {
    use(settings(1_000, LONG, 10_000));
    Job queued = job();
    Job running = queued.started(NOW.plusSeconds(1));
    history.record(running);
    history.record(queued); // the enqueueing thread reports after the worker did

    Job failedOnce = job().started(NOW).failed("boom", NOW.plusSeconds(1), NOW.plusSeconds(1));
    Job retried = failedOnce.started(NOW.plusSeconds(1));
    history.record(retried);
    history.record(failedOnce); // the worker of the first attempt reports after the retry began elsewhere

    Job waiting = job().started(NOW).failed("boom", NOW.plusSeconds(5), NOW.plusSeconds(1));
    history.record(waiting);
    Job restored = new Job(waiting.id(), null, "noop", Job.DEFAULT_QUEUE, JobPriority.NORMAL, "{}",
        JobStatus.QUEUED, 1, 3, NOW.plusSeconds(5), null, 0, "boom", NOW, NOW, null, waiting.revision());
    history.record(restored); // a state of the same revision is the later report: it replaces

    history.flush();

    assertThat(store.batches()).containsExactly(List.of(running, retried, restored));
  }

  @Test
  void writesAsSoonAsABatchIsFullWithoutWaitingForTheInterval() throws Exception {
    use(settings(10, LONG, 100));
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      jobs.add(job());
      history.record(jobs.get(i));
    }

    await(() -> store.batches().size() == 2);
    assertThat(store.batches()).allSatisfy(batch -> assertThat(batch).hasSize(10));
    assertThat(history.pending()).isEqualTo(5);
  }

  @Test
  void writesWhatWaitsOnceTheIntervalPassed() throws Exception {
    use(settings(1_000, Duration.ofMillis(30), 10_000));
    Job job = job();
    history.record(job);

    await(() -> store.findById(job.id()).isPresent());
    assertThat(store.batches()).containsExactly(List.of(job));
  }

  @Test
  void recordReturnsAtOnceWhileTheStoreIsSlow() throws Exception {
    store.block();
    history.record(job());
    await(() -> store.waiting.get() == 1);

    long start = System.nanoTime();
    for (int i = 0; i < 500; i++) history.record(job());

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(history.pending()).isEqualTo(500);
  }

  @Test
  void aFullBufferHoldsTheRecordingThreadBackUntilTheStoreCatchesUp() throws Exception {
    use(settings(2, Duration.ofMillis(5), 4));
    store.block();
    history.record(job());
    history.record(job());
    await(() -> store.waiting.get() == 1);
    List<Job> buffered = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      buffered.add(job());
      history.record(buffered.get(i));
    }
    Job waitingJob = job();
    Thread producer = new Thread(() -> history.record(waitingJob));
    producer.start();

    await(() -> producer.getState() == Thread.State.WAITING);
    assertThat(history.pending()).isEqualTo(4);
    // a state of a job already waiting replaces it and needs no room
    history.record(buffered.get(0).started(NOW));

    store.open();
    producer.join(5_000);
    assertThat(producer.isAlive()).isFalse();
    history.flush();
    assertThat(store.findById(waitingJob.id())).contains(waitingJob);
    assertThat(store.written()).isEqualTo(7);
  }

  @Test
  void aFailedWriteIsRetriedWithTheSameStatesUntilItSucceeds() throws Exception {
    Job running = job().started(NOW);
    store.failNext(3);
    history.record(running);
    Job done = running.succeeded(NOW.plusSeconds(1));
    history.record(done);

    history.flush();

    assertThat(store.failures()).isEqualTo(3);
    assertThat(store.findById(running.id())).contains(done);
  }

  @Test
  void aLaterStateNeverLandsBeforeAnEarlierOneThatFailedToWrite() throws Exception {
    Job running = job().started(NOW);
    store.failNext(2);
    history.record(running);
    await(() -> store.failures() >= 1);
    Job done = running.succeeded(NOW.plusSeconds(1));
    history.record(done);

    history.flush();

    assertThat(store.findById(running.id())).contains(done);
    assertThat(store.batches()).containsExactly(List.of(running), List.of(done));
  }

  @Test
  void closeWritesEverythingStillWaiting() {
    use(settings(1_000, LONG, 10_000));
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      jobs.add(job().started(NOW));
      history.record(jobs.get(i));
    }

    history.close();

    assertThat(store.written()).isEqualTo(2_500);
    assertThat(jobs).allSatisfy(job -> assertThat(store.findById(job.id())).contains(job));
  }

  @Test
  void closeGivesUpOnAStoreThatKeepsFailingAfterItsTimeout() {
    store.failNext(Integer.MAX_VALUE);
    history.record(job());

    long start = System.nanoTime();
    history.close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(store.failures()).isGreaterThan(1);
  }

  @Test
  void aStateRecordedAfterCloseIsWrittenAtOnce() {
    history.close();
    Job late = job().started(NOW);

    history.record(late);

    assertThat(store.findById(late.id())).contains(late);
  }

  @Test
  void settingsRejectNonsense() {
    assertThatThrownBy(() -> settings(0, LONG, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> settings(10, LONG, 9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> settings(10, Duration.ZERO, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The in-memory repository, observed: the batches it received, and a switch to hold writes back or make them fail.
   */
  private static final class Store implements JobRepository {
    private final InMemoryJobRepository jobs = new InMemoryJobRepository();
    private final List<List<Job>> batches = new ArrayList<>();
    private final AtomicInteger failing = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    void block() {
      gate = new CountDownLatch(1);
    }

    void open() {
      gate.countDown();
    }

    void failNext(int writes) {
      failing.set(writes);
    }

    int failures() {
      return failures.get();
    }

    synchronized List<List<Job>> batches() {
      return List.copyOf(batches);
    }

    synchronized int written() {
      return batches.stream().mapToInt(List::size).sum();
    }

    @Override
    public void upsertAll(Collection<Job> batch) {
      if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        failures.incrementAndGet();
        throw new IllegalStateException("store unavailable");
      }
      waiting.incrementAndGet();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        waiting.decrementAndGet();
      }
      synchronized (this) {
        batches.add(List.copyOf(batch));
      }
      jobs.upsertAll(batch);
    }

    @Override
    public Optional<Job> findById(JobId id) {
      return jobs.findById(id);
    }

    @Override
    public Optional<Job> findById(UserId owner, JobId id) {
      return jobs.findById(owner, id);
    }

    @Override
    public Page<Job> list(JobQuery query) {
      return jobs.list(query);
    }

    @Override
    public List<Job> unfinished(Job after, int max) {
      return jobs.unfinished(after, max);
    }
  }
}
