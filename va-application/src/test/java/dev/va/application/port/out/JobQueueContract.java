package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.fake.SettableClock;
import dev.va.application.port.out.JobQueue.DeadLetter;
import dev.va.application.port.out.JobQueue.Delivery;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobPriority;
import dev.va.domain.job.JobStatus;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link JobQueue} must show. */
public interface JobQueueContract {
  Instant T0 = Instant.parse("2030-01-01T08:00:00.123456Z");
  Set<String> DEFAULT = Set.of(Job.DEFAULT_QUEUE);
  Duration NO_WAIT = Duration.ZERO;

  /** A new, empty queue reading the time from {@code clock}. */
  JobQueue newQueue(SettableClock clock);

  /** How long a heartbeat (or a fetch) keeps a worker's jobs owned in the queues of {@link #newQueue}. */
  Duration heartbeatTtl();

  /** Lets every heartbeat given so far lapse; adapters whose heartbeats expire in real time override to wait too. */
  default void letHeartbeatsLapse(SettableClock clock) {
    clock.advance(heartbeatTtl().plusMillis(1));
  }

  private static Job job(String type, JobPriority priority, Instant now) {
    return Job.create(UserId.random(), type, Job.DEFAULT_QUEUE, priority, "{\"n\":1}", 3, now, null, now);
  }

  private static Job job(SettableClock clock) {
    return job("noop", JobPriority.NORMAL, clock.instant());
  }

  private static Job withMaxAttempts(Job j, int max) {
    return Job.create(j.userId(), j.type(), j.queue(), j.priority(), j.payload(), max, j.runAt(), j.idempotencyKey(),
        j.createdAt());
  }

  private static Job keyed(String key, Instant now) {
    return Job.create(null, "noop", Job.DEFAULT_QUEUE, JobPriority.NORMAL, "{}", 3, now, key, now);
  }

  private static Delivery only(List<Delivery> deliveries) {
    assertThat(deliveries).hasSize(1);
    return deliveries.get(0);
  }

  private static Delivery fetchOne(JobQueue queue, String worker) throws InterruptedException {
    return only(queue.fetch(worker, DEFAULT, 1, NO_WAIT));
  }

  @Test
  default void aFetchedJobIsRunningOwnedAndForgottenOnceAcked() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job queued = queue.enqueue(job(clock));
    assertThat(queue.find(queued.id())).contains(queued);

    clock.advance(Duration.ofSeconds(2));
    Delivery delivery = fetchOne(queue, "w1");
    assertThat(delivery.workerId()).isEqualTo("w1");
    assertThat(delivery.job()).isEqualTo(queued.started(clock.instant()));
    assertThat(delivery.job().attempts()).isEqualTo(1);
    assertThat(queue.find(queued.id())).contains(delivery.job());
    assertThat(queue.fetch("w2", DEFAULT, 10, NO_WAIT)).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    Optional<Job> acked = queue.ack(delivery);
    assertThat(acked).contains(delivery.job().succeeded(clock.instant()));
    assertThat(queue.find(queued.id())).isEmpty();
    assertThat(queue.ack(delivery)).as("a second ack").isEmpty();
    assertThat(queue.fetch("w1", DEFAULT, 10, NO_WAIT)).isEmpty();
  }

  @Test
  default void batchesEnqueueAndAckLikeSingleCalls() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job held = queue.enqueue(keyed("held", clock.instant()));
    Job plain = job(clock);
    Job later = Job.create(null, "noop", Job.DEFAULT_QUEUE, JobPriority.HIGH, "{}", 3, T0.plusSeconds(60), null, T0);
    List<Job> queued = queue.enqueueAll(List.of(plain, keyed("held", clock.instant()), later, plain));
    assertThat(queued).containsExactly(plain, held, later, plain);

    List<Delivery> fetched = queue.fetch("w", DEFAULT, 10, NO_WAIT);
    assertThat(fetched).extracting(d -> d.job().id()).containsExactly(held.id(), plain.id());
    Delivery first = fetched.get(0);
    assertThat(queue.ack(first)).isPresent();
    clock.advance(Duration.ofSeconds(1));
    List<Job> acked = queue.ackAll(List.of(first, fetched.get(1)));
    assertThat(acked).containsExactly(fetched.get(1).job().succeeded(clock.instant()));
    assertThat(queue.ackAll(List.of())).isEmpty();
    assertThat(queue.find(later.id())).contains(later);
  }

  @Test
  default void findOfAnUnknownJobIsEmpty() {
    JobQueue queue = newQueue(new SettableClock(T0));
    assertThat(queue.find(JobId.random())).isEmpty();
    assertThat(queue.cancel(JobId.random())).isEmpty();
    assertThat(queue.cancellationRequested(JobId.random())).isFalse();
    assertThat(queue.redrive(JobId.random())).isEmpty();
  }

  @Test
  default void higherPriorityIsFetchedFirstThenOldestFirst() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job low = queue.enqueue(job("a", JobPriority.LOW, clock.instant()));
    Job normal1 = queue.enqueue(job("b", JobPriority.NORMAL, clock.instant()));
    Job high = queue.enqueue(job("c", JobPriority.HIGH, clock.instant()));
    Job normal2 = queue.enqueue(job("d", JobPriority.NORMAL, clock.instant()));

    assertThat(fetchOne(queue, "w").job().id()).isEqualTo(high.id());
    assertThat(queue.fetch("w", DEFAULT, 10, NO_WAIT)).extracting(d -> d.job().id())
        .containsExactly(normal1.id(), normal2.id(), low.id());
  }

  @Test
  default void fetchServesOnlyTheGivenQueuesAndAtMostMax() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Instant now = clock.instant();
    Job mail = queue.enqueue(Job.create(null, "sync", "mail", JobPriority.NORMAL, "{}", 3, now, null, now));
    for (int i = 0; i < 5; i++) queue.enqueue(job(clock));

    assertThat(queue.fetch("w", DEFAULT, 2, NO_WAIT)).hasSize(2);
    assertThat(queue.fetch("w", Set.of("other"), 10, NO_WAIT)).isEmpty();
    assertThat(queue.fetch("w", Set.of("mail"), 10, NO_WAIT)).extracting(d -> d.job().id())
        .containsExactly(mail.id());
    assertThat(queue.fetch("w", Set.of("mail", Job.DEFAULT_QUEUE), 10, NO_WAIT)).hasSize(3);
  }

  @Test
  default void aDelayedJobIsNotFetchedBeforeItIsDue() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Instant now = clock.instant();
    Job later = queue.enqueue(Job.create(null, "noop", Job.DEFAULT_QUEUE, JobPriority.HIGH, "{}", 3,
        now.plusSeconds(10), null, now));
    Job soon = queue.enqueue(Job.create(null, "noop", Job.DEFAULT_QUEUE, JobPriority.LOW, "{}", 3,
        now.plusSeconds(5), null, now));

    assertThat(queue.fetch("w", DEFAULT, 10, NO_WAIT)).isEmpty();
    clock.advance(Duration.ofMillis(4_999));
    assertThat(queue.fetch("w", DEFAULT, 10, NO_WAIT)).isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(fetchOne(queue, "w").job().id()).isEqualTo(soon.id());
    clock.advance(Duration.ofMillis(4_999));
    assertThat(queue.fetch("w", DEFAULT, 10, NO_WAIT)).isEmpty();
    clock.advance(Duration.ofMillis(1));
    assertThat(fetchOne(queue, "w").job().id()).isEqualTo(later.id());
  }

  @Test
  default void aBlockedFetchReturnsAJobEnqueuedWhileItWaits() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<List<Delivery>> waiting = executor.submit(() -> queue.fetch("w", DEFAULT, 5, Duration.ofSeconds(5)));
      Thread.sleep(50);
      long start = System.nanoTime();
      Job queued = queue.enqueue(job(clock));
      List<Delivery> fetched = waiting.get(5, TimeUnit.SECONDS);
      assertThat(fetched).extracting(d -> d.job().id()).containsExactly(queued.id());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      assertThat(queue.fetch("w", DEFAULT, 5, Duration.ofMillis(30))).as("nothing left after waiting").isEmpty();
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  default void aFailedAttemptIsRetriedAtTheGivenTimeWithAttemptsCounted() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job queued = queue.enqueue(job(clock));
    Delivery first = fetchOne(queue, "w");

    Instant retryAt = clock.instant().plusSeconds(30);
    Optional<Job> failed = queue.fail(first, "boom", retryAt);
    Job expected = first.job().failed("boom", retryAt, clock.instant());
    assertThat(failed).contains(expected);
    assertThat(expected.status()).isEqualTo(JobStatus.FAILED);
    assertThat(queue.find(queued.id())).contains(expected);
    assertThat(queue.fail(first, "again", retryAt)).as("the delivery is over").isEmpty();

    clock.advance(Duration.ofSeconds(29));
    assertThat(queue.fetch("w", DEFAULT, 10, NO_WAIT)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    Delivery second = fetchOne(queue, "w");
    assertThat(second.job().attempts()).isEqualTo(2);
    assertThat(second.job().lastError()).isEqualTo("boom");
    assertThat(queue.ack(second)).isPresent();
  }

  @Test
  default void afterItsLastAttemptAJobIsDeadWithItsErrorHistory() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job queued = queue.enqueue(withMaxAttempts(job(clock), 2));

    queue.fail(fetchOne(queue, "w"), "first error", clock.instant());
    Delivery last = fetchOne(queue, "w");
    Optional<Job> dead = queue.fail(last, "second error", clock.instant().plusSeconds(5));
    assertThat(dead).map(Job::status).contains(JobStatus.DEAD);
    assertThat(queue.find(queued.id())).isEqualTo(dead);

    clock.advance(Duration.ofMinutes(1));
    assertThat(queue.fetch("w", DEFAULT, 10, NO_WAIT)).isEmpty();
    assertThat(queue.deadLetters(10)).containsExactly(
        new DeadLetter(dead.orElseThrow(), List.of("first error", "second error")));
  }

  @Test
  default void failingWithoutARetryTimeBuriesTheJobAtOnce() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    queue.enqueue(job(clock));
    Delivery delivery = fetchOne(queue, "w");

    Optional<Job> dead = queue.fail(delivery, "unknown job type noop", null);
    assertThat(dead).map(Job::status).contains(JobStatus.DEAD);
    assertThat(dead).map(Job::attempts).contains(1);
    assertThat(queue.deadLetters(10)).extracting(DeadLetter::errors)
        .containsExactly(List.of("unknown job type noop"));
  }

  @Test
  default void deadLettersAreListedNewestFirstUpToTheLimit() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    List<JobId> buried = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      buried.add(queue.enqueue(job(clock)).id());
      queue.fail(fetchOne(queue, "w"), "error " + i, null);
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(queue.deadLetters(2)).extracting(d -> d.job().id()).containsExactly(buried.get(2), buried.get(1));
  }

  @Test
  default void redriveQueuesADeadJobAgainWithFreshAttempts() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job queued = queue.enqueue(withMaxAttempts(job(clock), 1));
    Delivery delivery = fetchOne(queue, "w");
    Job dead = queue.fail(delivery, "boom", clock.instant()).orElseThrow();
    assertThat(queue.redrive(JobId.random())).isEmpty();

    clock.advance(Duration.ofMinutes(5));
    Optional<Job> redriven = queue.redrive(queued.id());
    assertThat(redriven).contains(dead.redriven(clock.instant()));
    assertThat(queue.deadLetters(10)).isEmpty();
    assertThat(queue.redrive(queued.id())).as("no longer dead").isEmpty();
    assertThat(queue.ack(delivery)).as("the old delivery").isEmpty();

    Delivery again = fetchOne(queue, "w");
    assertThat(again.job().attempts()).isEqualTo(1);
    assertThat(queue.ack(again)).isPresent();
  }

  @Test
  default void anIdempotencyKeyOfAnUnfinishedJobReturnsThatJob() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job first = queue.enqueue(keyed("report-42", clock.instant()));
    assertThat(queue.enqueue(keyed("report-42", clock.instant()))).as("queued").isEqualTo(first);

    Delivery delivery = fetchOne(queue, "w");
    assertThat(queue.enqueue(keyed("report-42", clock.instant())).id()).as("running").isEqualTo(first.id());
    queue.fail(delivery, "boom", clock.instant().plusSeconds(60));
    assertThat(queue.enqueue(keyed("report-42", clock.instant())).id()).as("retry waiting").isEqualTo(first.id());
    assertThat(queue.enqueue(keyed("other", clock.instant())).id()).isNotEqualTo(first.id());

    clock.advance(Duration.ofSeconds(60));
    for (Delivery d : queue.fetch("w", DEFAULT, 10, NO_WAIT)) assertThat(queue.ack(d)).isPresent();
    Job next = keyed("report-42", clock.instant());
    assertThat(queue.enqueue(next)).as("finished: a new job is accepted").isEqualTo(next);
    assertThat(queue.find(next.id())).contains(next);
  }

  @Test
  default void aDeadOrCancelledJobReleasesItsIdempotencyKey() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    queue.enqueue(keyed("k1", clock.instant()));
    queue.fail(fetchOne(queue, "w"), "bad payload", null);
    Job afterDead = keyed("k1", clock.instant());
    assertThat(queue.enqueue(afterDead)).isEqualTo(afterDead);

    Job toCancel = queue.enqueue(keyed("k2", clock.instant()));
    queue.cancel(toCancel.id());
    Job afterCancel = keyed("k2", clock.instant());
    assertThat(queue.enqueue(afterCancel)).isEqualTo(afterCancel);
  }

  @Test
  default void enqueueingAKnownJobAgainQueuesNothing() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job queued = queue.enqueue(job(clock));
    assertThat(queue.enqueue(queued)).isEqualTo(queued);
    assertThat(queue.fetch("w", DEFAULT, 10, NO_WAIT)).hasSize(1);
  }

  @Test
  default void cancellingAQueuedOrRetryWaitingJobRemovesIt() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job delayed = queue.enqueue(job(clock));
    Job queued = queue.enqueue(job(clock));
    queue.fail(fetchOne(queue, "w"), "boom", clock.instant().plusSeconds(10));

    clock.advance(Duration.ofSeconds(1));
    Optional<Job> cancelled = queue.cancel(queued.id());
    assertThat(cancelled).contains(queued.cancelled(clock.instant()));
    assertThat(queue.cancel(delayed.id())).map(Job::status).contains(JobStatus.CANCELLED);
    assertThat(queue.find(queued.id())).isEmpty();
    assertThat(queue.cancel(queued.id())).as("already cancelled").isEmpty();

    clock.advance(Duration.ofMinutes(1));
    assertThat(queue.fetch("w", DEFAULT, 10, NO_WAIT)).isEmpty();
  }

  @Test
  default void cancellingARunningJobAsksItsHandlerToStop() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job queued = queue.enqueue(job(clock));
    Delivery delivery = fetchOne(queue, "w");
    assertThat(queue.cancellationRequested(queued.id())).isFalse();

    assertThat(queue.cancel(queued.id())).contains(delivery.job());
    assertThat(queue.cancellationRequested(queued.id())).isTrue();

    Optional<Job> stopped = queue.cancelled(delivery);
    assertThat(stopped).contains(delivery.job().cancelled(clock.instant()));
    assertThat(queue.find(queued.id())).isEmpty();
    assertThat(queue.cancellationRequested(queued.id())).isFalse();
  }

  @Test
  default void aRunningJobWhoseCancellationWasRequestedIsNotRetried() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job queued = queue.enqueue(job(clock));
    Delivery delivery = fetchOne(queue, "w");
    queue.cancel(queued.id());

    assertThat(queue.fail(delivery, "interrupted", clock.instant())).map(Job::status).contains(JobStatus.CANCELLED);
    assertThat(queue.find(queued.id())).isEmpty();
    assertThat(queue.fetch("w", DEFAULT, 10, NO_WAIT)).isEmpty();
  }

  @Test
  default void aDeadJobCannotBeCancelled() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job queued = queue.enqueue(job(clock));
    queue.fail(fetchOne(queue, "w"), "boom", null);
    assertThat(queue.cancel(queued.id())).isEmpty();
    assertThat(queue.deadLetters(10)).hasSize(1);
  }

  @Test
  default void progressIsRecordedForTheOwningDelivery() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job queued = queue.enqueue(job(clock));
    Delivery delivery = fetchOne(queue, "w");

    assertThat(queue.progress(delivery, 40)).isTrue();
    assertThat(queue.find(queued.id())).map(Job::progress).contains(40);
    assertThatThrownBy(() -> queue.progress(delivery, 101)).isInstanceOf(IllegalArgumentException.class);
    assertThat(queue.fail(delivery, "boom", clock.instant())).map(Job::progress).contains(40);
    assertThat(queue.progress(delivery, 50)).as("delivery over").isFalse();
  }

  @Test
  default void releaseHandsTheJobBackWithoutCountingTheAttempt() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job queued = queue.enqueue(job(clock));
    Delivery delivery = fetchOne(queue, "w");

    Instant due = clock.instant().plusSeconds(2);
    Optional<Job> released = queue.release(delivery, due);
    assertThat(released).contains(delivery.job().released(due));
    assertThat(released.orElseThrow().attempts()).isZero();
    assertThat(queue.find(queued.id())).isEqualTo(released);
    assertThat(queue.ack(delivery)).isEmpty();
    assertThat(queue.fetch("w", DEFAULT, 10, NO_WAIT)).isEmpty();

    clock.advance(Duration.ofSeconds(2));
    Delivery again = fetchOne(queue, "w");
    assertThat(again.job().attempts()).isEqualTo(1);
    Optional<Job> backNow = queue.release(again, clock.instant());
    assertThat(backNow).map(Job::status).contains(JobStatus.QUEUED);
    assertThat(fetchOne(queue, "w").job().id()).isEqualTo(queued.id());
  }

  @Test
  default void everyStateChangeRaisesTheRevisionSoLateReportsCanBeToldApart() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job queued = queue.enqueue(job(clock));
    assertThat(queued.revision()).isZero();

    Delivery first = fetchOne(queue, "w");
    assertThat(first.job().revision()).isEqualTo(1);
    assertThat(queue.progress(first, 40)).isTrue();
    assertThat(queue.find(queued.id())).map(Job::revision).as("progress is no state change").contains(1L);
    Job failed = queue.fail(first, "boom", clock.instant()).orElseThrow();
    assertThat(failed.revision()).isEqualTo(2);

    Delivery second = fetchOne(queue, "w");
    assertThat(second.job().revision()).isEqualTo(3);
    assertThat(queue.release(second, clock.instant())).map(Job::revision).contains(4L);

    Delivery third = fetchOne(queue, "w");
    assertThat(third.job().revision()).isEqualTo(5);
    letHeartbeatsLapse(clock);
    assertThat(queue.reap()).singleElement().extracting(Job::revision).isEqualTo(6L);
    assertThat(queue.find(queued.id())).map(Job::revision).contains(6L);

    Delivery fourth = fetchOne(queue, "other");
    assertThat(queue.cancel(queued.id())).map(Job::revision).as("a request, not a change").contains(7L);
    assertThat(queue.cancelled(fourth)).map(Job::revision).contains(8L);
    assertThat(List.of(failed, first.job(), queued)).allMatch(older -> older.replaceableBy(fourth.job()))
        .noneMatch(older -> fourth.job().replaceableBy(older));
  }

  @Test
  default void theReaperReturnsTheJobsOfAWorkerThatStoppedHeartbeating() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job lost = queue.enqueue(job(clock));
    Job kept = queue.enqueue(job(clock));
    Delivery dying = fetchOne(queue, "dying");
    Delivery alive = fetchOne(queue, "alive");
    assertThat(dying.job().id()).isEqualTo(lost.id());
    assertThat(queue.reap()).as("both heartbeats are fresh").isEmpty();

    letHeartbeatsLapse(clock);
    queue.heartbeat("alive");
    List<Job> reaped = queue.reap();
    assertThat(queue.reap()).as("nothing left to reap").isEmpty();

    Job returned = queue.find(lost.id()).orElseThrow();
    assertThat(reaped).as("the new state, for the job history").containsExactly(returned);
    assertThat(returned.status()).isEqualTo(JobStatus.FAILED);
    assertThat(returned.attempts()).isEqualTo(1);
    assertThat(returned.lastError()).contains("dying");
    assertThat(queue.find(kept.id())).contains(alive.job());

    Delivery redelivered = fetchOne(queue, "other");
    assertThat(redelivered.job().id()).isEqualTo(lost.id());
    assertThat(redelivered.job().attempts()).isEqualTo(2);
    assertThat(queue.ack(dying)).as("the dead worker no longer owns it").isEmpty();
    assertThat(queue.progress(dying, 10)).isFalse();
    assertThat(queue.ack(redelivered)).isPresent();
    assertThat(queue.ack(alive)).isPresent();
  }

  @Test
  default void aDeliveryIsFencedEvenWhenTheSameWorkerFetchesTheJobAgain() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    queue.enqueue(job(clock));
    Delivery stale = fetchOne(queue, "w");
    letHeartbeatsLapse(clock);
    assertThat(queue.reap()).hasSize(1);

    Delivery fresh = fetchOne(queue, "w");
    assertThat(queue.ack(stale)).isEmpty();
    assertThat(queue.fail(stale, "late", null)).isEmpty();
    assertThat(queue.release(stale, clock.instant())).isEmpty();
    assertThat(queue.cancelled(stale)).isEmpty();
    assertThat(queue.ack(fresh)).isPresent();
  }

  @Test
  default void aJobReapedOnItsLastAttemptIsDead() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Job queued = queue.enqueue(withMaxAttempts(job(clock), 1));
    fetchOne(queue, "w");
    letHeartbeatsLapse(clock);

    List<Job> reaped = queue.reap();
    assertThat(reaped).singleElement().extracting(Job::status).isEqualTo(JobStatus.DEAD);
    assertThat(queue.find(queued.id())).contains(reaped.get(0));
    assertThat(queue.deadLetters(10)).singleElement().satisfies(d -> assertThat(d.errors()).hasSize(1));
  }

  @Test
  default void heartbeatsKeepLongRunningJobsOwned() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    queue.enqueue(job(clock));
    Delivery delivery = fetchOne(queue, "w");
    for (int i = 0; i < 3; i++) {
      clock.advance(heartbeatTtl().dividedBy(2));
      queue.heartbeat("w");
      assertThat(queue.reap()).isEmpty();
    }
    assertThat(queue.ack(delivery)).isPresent();
  }

  @Test
  default void concurrentFetchersNeverGetTheSameJob() throws Exception {
    SettableClock clock = new SettableClock(T0);
    JobQueue queue = newQueue(clock);
    Set<JobId> queued = new HashSet<>();
    for (int i = 0; i < 200; i++) queued.add(queue.enqueue(job(clock)).id());

    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      List<JobId> fetched = Collections.synchronizedList(new ArrayList<>());
      List<CompletableFuture<Void>> fetchers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String worker = "w" + t;
        fetchers.add(CompletableFuture.runAsync(() -> {
          try {
            List<Delivery> batch;
            while (!(batch = queue.fetch(worker, DEFAULT, 7, NO_WAIT)).isEmpty()) {
              for (Delivery d : batch) {
                fetched.add(d.job().id());
                assertThat(queue.ack(d)).isPresent();
              }
            }
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }, executor));
      }
      CompletableFuture.allOf(fetchers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      assertThat(fetched).hasSize(200).doesNotHaveDuplicates();
      assertThat(new HashSet<>(fetched)).isEqualTo(queued);
    } finally {
      executor.shutdownNow();
    }
  }
}
