package dev.va.adapter.queue.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fake.InMemoryJobRepository;
import dev.va.application.fake.RecordingJobHistory;
import dev.va.application.job.BatchingJobHistory;
import dev.va.application.job.JobContext;
import dev.va.application.job.JobHandler;
import dev.va.application.job.JobRejectedException;
import dev.va.application.job.RetryPolicy;
import dev.va.application.job.WorkerPool;
import dev.va.application.job.WorkerPool.Settings;
import dev.va.application.port.out.JobHistory;
import dev.va.application.port.out.JobQueue;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobPriority;
import dev.va.domain.job.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
  private static final RetryPolicy FAST_RETRY = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5));

  private final Clock clock = Clock.systemUTC();
  private final JobQueue queue = new InProcessJobQueue(clock, Duration.ofSeconds(5));
  private final InProcessSideEffectLedger ledger = new InProcessSideEffectLedger(clock, Duration.ofDays(1));
  private final RecordingJobHistory history = new RecordingJobHistory();
  private final List<WorkerPool> pools = new ArrayList<>();

  @AfterEach
  void stopPools() {
    pools.forEach(WorkerPool::close);
  }

  private WorkerPool start(Settings settings, JobHandler... handlers) {
    WorkerPool pool = new WorkerPool(queue, ledger, history, List.of(handlers), clock, settings);
    pools.add(pool);
    pool.start();
    return pool;
  }

  private WorkerPool start(JobHandler... handlers) {
    return start(Settings.of("w1", 2, Set.of(Job.DEFAULT_QUEUE)).withRetry(FAST_RETRY), handlers);
  }

  private Job enqueue(String type, String payload, int maxAttempts) {
    return queue.enqueue(Job.create(null, type, Job.DEFAULT_QUEUE, JobPriority.NORMAL, payload, maxAttempts,
        clock.instant(), null, clock.instant()));
  }

  private static JobHandler handler(String type, ThrowingHandler body) {
    return new JobHandler() {
      @Override
      public String type() {
        return type;
      }

      @Override
      public void handle(JobContext context) throws Exception {
        body.handle(context);
      }
    };
  }

  private interface ThrowingHandler {
    void handle(JobContext context) throws Exception;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
      Thread.sleep(5);
    }
  }

  private List<JobStatus> statuses(JobId id) {
    return history.of(id).stream().map(Job::status).toList();
  }

  private boolean finished(JobId id) {
    return history.latest(id).map(j -> j.status().terminal()).orElse(false);
  }

  @Test
  void aHandlerRunsTheJobAndTheHistorySeesEveryState() throws Exception {
    List<String> payloads = new ArrayList<>();
    start(handler("echo", ctx -> {
      ctx.progress(50);
      synchronized (payloads) {
        payloads.add(ctx.payload());
      }
    }));
    Job job = enqueue("echo", "{\"text\":\"hi\"}", 3);

    await("the job finished", () -> finished(job.id()));
    assertThat(payloads).containsExactly("{\"text\":\"hi\"}");
    assertThat(statuses(job.id())).containsExactly(JobStatus.RUNNING, JobStatus.RUNNING, JobStatus.SUCCEEDED);
    assertThat(history.of(job.id()).get(1).progress()).isEqualTo(50);
    assertThat(queue.find(job.id())).isEmpty();
  }

  @Test
  void aFailedAttemptIsRetriedThenSucceeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    start(handler("flaky", ctx -> {
      if (calls.incrementAndGet() == 1) throw new IllegalStateException("first try fails");
    }));
    Job job = enqueue("flaky", "{}", 3);

    await("the job finished", () -> finished(job.id()));
    assertThat(statuses(job.id()))
        .containsExactly(JobStatus.RUNNING, JobStatus.FAILED, JobStatus.RUNNING, JobStatus.SUCCEEDED);
    Job failed = history.of(job.id()).get(1);
    assertThat(failed.lastError()).isEqualTo("java.lang.IllegalStateException: first try fails");
    // the retry time is drawn when the handler failed, just before the queue stamps the failure
    assertThat(failed.runAt()).isBetween(failed.startedAt(), failed.finishedAt().plus(FAST_RETRY.ceiling(1)));
    assertThat(history.latest(job.id()).orElseThrow().attempts()).isEqualTo(2);
  }

  @Test
  void poisonJobsEndDeadAndTheWorkerKeepsGoing() throws Exception {
    start(
        handler("picky", ctx -> {
          throw new JobRejectedException("payload has no 'to' field");
        }),
        handler("broken", ctx -> {
          throw new UnsupportedOperationException("always");
        }),
        handler("deep", ctx -> {
          throw new StackOverflowError();
        }),
        handler("fine", ctx -> { }));
    Job unknown = enqueue("nobody-handles-this", "{}", 3);
    Job rejected = enqueue("picky", "{}", 3);
    Job broken = enqueue("broken", "{}", 3);
    Job deep = enqueue("deep", "{}", 1);

    await("the poison jobs are dead", () -> List.of(unknown, rejected, broken, deep).stream()
        .allMatch(j -> history.latest(j.id()).map(h -> h.status() == JobStatus.DEAD).orElse(false)));
    assertThat(history.latest(unknown.id()).orElseThrow().lastError()).contains("no handler for job type");
    assertThat(history.latest(rejected.id()).orElseThrow().attempts()).as("no retry").isEqualTo(1);
    assertThat(history.latest(broken.id()).orElseThrow().attempts()).isEqualTo(3);
    assertThat(queue.deadLetters(10)).hasSize(4).anySatisfy(letter -> {
      assertThat(letter.job().id()).isEqualTo(broken.id());
      assertThat(letter.errors()).hasSize(3).allMatch(e -> e.endsWith("UnsupportedOperationException: always"));
    });

    Job fine = enqueue("fine", "{}", 3);
    await("a healthy job still runs", () -> finished(fine.id()));
    assertThat(history.latest(fine.id()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void aFailureReportedAfterTheRetryRanNeverHidesTheOutcomeInTheStore() throws Exception {
    InMemoryJobRepository store = new InMemoryJobRepository();
    CountDownLatch outcomeRecorded = new CountDownLatch(1);
    try (BatchingJobHistory durable = new BatchingJobHistory(store, BatchingJobHistory.Settings.defaults())) {
      // the first attempt's thread is held up between settling its failure with the queue and reporting it, long
      // enough for the other thread to run the retry: what a loaded machine can do to any worker
      JobHistory slowToReportTheFirstFailure = job -> {
        if (job.status() == JobStatus.FAILED && job.attempts() == 1) {
          try {
            outcomeRecorded.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        durable.record(job);
        if (job.status() == JobStatus.SUCCEEDED) outcomeRecorded.countDown();
      };
      AtomicInteger calls = new AtomicInteger();
      WorkerPool pool = new WorkerPool(queue, ledger, slowToReportTheFirstFailure, List.of(handler("flaky", ctx -> {
        if (calls.incrementAndGet() == 1) throw new IllegalStateException("first try fails");
      })), clock, Settings.of("w1", 2, Set.of(Job.DEFAULT_QUEUE)).withRetry(FAST_RETRY));
      pools.add(pool);
      pool.start();
      Job job = enqueue("flaky", "{}", 3);

      assertThat(outcomeRecorded.await(5, TimeUnit.SECONDS)).isTrue();
      pool.close(); // returns once every thread of the pool is done, the late reporter too
      durable.flush();

      Job stored = store.findById(job.id()).orElseThrow();
      assertThat(stored.status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(stored.attempts()).isEqualTo(2);
    }
  }

  @Test
  void aRunningJobStopsWhenCancelled() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    start(handler("long", ctx -> {
      running.countDown();
      while (!ctx.cancellationRequested()) Thread.sleep(5);
    }));
    Job job = enqueue("long", "{}", 3);

    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(queue.cancel(job.id())).map(Job::status).contains(JobStatus.RUNNING);
    await("the job finished", () -> finished(job.id()));
    assertThat(history.latest(job.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(queue.find(job.id())).isEmpty();
  }

  @Test
  void gracefulShutdownFinishesQuickJobsAndReturnsTheRest() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    WorkerPool pool = start(Settings.of("w1", 2, Set.of(Job.DEFAULT_QUEUE)).withGracePeriod(Duration.ofMillis(300)),
        handler("quick", ctx -> {
          bothRunning.countDown();
          Thread.sleep(100);
        }),
        handler("endless", ctx -> {
          bothRunning.countDown();
          Thread.sleep(60_000);
        }));
    Job quick = enqueue("quick", "{}", 3);
    Job endless = enqueue("endless", "{}", 3);
    assertThat(bothRunning.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    pool.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

    assertThat(history.latest(quick.id())).map(Job::status).contains(JobStatus.SUCCEEDED);
    Job returned = queue.find(endless.id()).orElseThrow();
    assertThat(returned.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(returned.attempts()).as("a shutdown does not use up an attempt").isZero();
    assertThat(history.latest(endless.id())).contains(returned);
    assertThat(pool.inFlight()).isZero();
  }

  @Test
  void aSideEffectIsPerformedOnceWhenTheJobIsDeliveredTwice() throws Exception {
    AtomicInteger mailsSent = new AtomicInteger();
    AtomicInteger deliveries = new AtomicInteger();
    List<String> receipts = new ArrayList<>();
    start(handler("reply", ctx -> {
      boolean sentNow = ctx.once("reply:" + ctx.job().id(), mailsSent::incrementAndGet);
      String receipt = ctx.once("receipt:" + ctx.job().id(), () -> "receipt-" + deliveries.get());
      synchronized (receipts) {
        receipts.add(receipt + (sentNow ? " sent" : " skipped"));
      }
      if (deliveries.incrementAndGet() == 1) throw new IllegalStateException("crash after the effect");
    }));
    Job job = enqueue("reply", "{}", 3);

    await("the job finished", () -> finished(job.id()));
    assertThat(deliveries).hasValue(2);
    assertThat(mailsSent).hasValue(1);
    assertThat(receipts).containsExactly("receipt-0 sent", "receipt-0 skipped");
  }

  @Test
  void aFailingEffectIsNotRecordedSoTheRetryPerformsIt() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    start(handler("pay", ctx -> ctx.once("payment:" + ctx.job().id(), () -> {
      if (tries.incrementAndGet() == 1) throw new IllegalStateException("gateway down");
    })));
    Job job = enqueue("pay", "{}", 3);

    await("the job finished", () -> finished(job.id()));
    assertThat(history.latest(job.id())).map(Job::status).contains(JobStatus.SUCCEEDED);
    assertThat(tries).hasValue(2);
  }

  @Test
  void aTypeNeverRunsAboveItsConcurrencyLimit() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    Settings settings = new Settings("w1", 4, 4, Set.of(Job.DEFAULT_QUEUE), Map.of("llm", 1), FAST_RETRY,
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(10),
        Duration.ofMinutes(1));
    start(settings, handler("llm", ctx -> {
      highest.accumulateAndGet(running.incrementAndGet(), Math::max);
      Thread.sleep(20);
      running.decrementAndGet();
    }), handler("noop", ctx -> { }));
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 4; i++) jobs.add(enqueue("llm", "{}", 3));
    Job other = enqueue("noop", "{}", 3);

    await("every job finished", () -> jobs.stream().allMatch(j -> finished(j.id())) && finished(other.id()));
    assertThat(highest).hasValue(1);
    assertThat(jobs).allSatisfy(j -> assertThat(history.latest(j.id()).orElseThrow().attempts()).isEqualTo(1));
  }

  @Test
  void aPoolTakesOverTheJobsOfADeadPool() throws Exception {
    // a pool that fetched a job and died without settling it: only its heartbeat stops
    JobQueue shortLived = new InProcessJobQueue(clock, Duration.ofMillis(100));
    Job job = shortLived.enqueue(Job.create(null, "noop", Job.DEFAULT_QUEUE, JobPriority.NORMAL, "{}", 3,
        clock.instant(), null, clock.instant()));
    Job lastTry = shortLived.enqueue(Job.create(null, "noop", Job.DEFAULT_QUEUE, JobPriority.NORMAL, "{}", 1,
        clock.instant(), null, clock.instant()));
    assertThat(shortLived.fetch("dead", Set.of(Job.DEFAULT_QUEUE), 2, Duration.ZERO)).hasSize(2);

    Settings settings = new Settings("alive", 1, 0, Set.of(Job.DEFAULT_QUEUE), Map.of(), FAST_RETRY,
        Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofMillis(10),
        Duration.ofMinutes(1));
    WorkerPool pool = new WorkerPool(shortLived, ledger, history, List.of(handler("noop", ctx -> { })), clock,
        settings);
    pools.add(pool);
    pool.start();

    await("the job ran again", () -> finished(job.id()));
    assertThat(history.latest(job.id()).orElseThrow().attempts()).isEqualTo(2);
    // the reaper's verdicts reach the history too: nobody else could report them
    assertThat(statuses(job.id())).containsExactly(JobStatus.FAILED, JobStatus.RUNNING, JobStatus.SUCCEEDED);
    assertThat(history.of(job.id()).get(0).lastError()).isEqualTo("worker dead stopped heartbeating");
    await("the job reaped on its last attempt is recorded dead", () -> finished(lastTry.id()));
    assertThat(statuses(lastTry.id())).containsExactly(JobStatus.DEAD);
  }
}
