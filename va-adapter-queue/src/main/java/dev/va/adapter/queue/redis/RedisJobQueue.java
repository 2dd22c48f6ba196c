package dev.va.adapter.queue.redis;

import dev.va.application.port.out.JobQueue;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobPriority;
import dev.va.domain.job.JobStatus;
import dev.va.domain.user.UserId;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reliable job queue on Redis. Fetching moves jobs atomically from the ready lists into the worker's processing set
 * (one Lua script, several jobs per call); nothing is acknowledged before the handler finished, and the jobs of a
 * worker whose heartbeat key expired are returned by {@link #reap()}. Key layout and scripts: {@link QueueScripts}.
 *
 * <p>Priorities: one ready list per (queue, priority), popped HIGH to LOW, so fetch and enqueue are O(1) per job.
 * Delayed jobs and retries wait in one zset by due time and are promoted by the fetch script.
 *
 * <p>An idle fetch sleeps until a script publishes that jobs became ready (a message on the wake channel, received on
 * its own pub/sub connection), so a job enqueued into an idle queue starts within a round trip or two. It also polls
 * every {@value #POLL_MILLIS} ms, which promotes delayed jobs as they fall due and covers wake-ups lost while the
 * pub/sub connection reconnects.
 *
 * <p>Thread-safe: all calls share one Lettuce connection, which pipelines concurrent callers.
 */
public final class RedisJobQueue implements JobQueue {
  static final long POLL_MILLIS = 20;

  private static final RedisScript ENQUEUE = new RedisScript(QueueScripts.ENQUEUE);
  private static final RedisScript FETCH = new RedisScript(QueueScripts.FETCH);
  private static final RedisScript ACK = new RedisScript(QueueScripts.ACK);
  private static final RedisScript STOPPED = new RedisScript(QueueScripts.STOPPED);
  private static final RedisScript FAIL = new RedisScript(QueueScripts.FAIL);
  private static final RedisScript RELEASE = new RedisScript(QueueScripts.RELEASE);
  private static final RedisScript PROGRESS = new RedisScript(QueueScripts.PROGRESS);
  private static final RedisScript CANCEL = new RedisScript(QueueScripts.CANCEL);
  private static final RedisScript REDRIVE = new RedisScript(QueueScripts.REDRIVE);
  private static final RedisScript REAP = new RedisScript(QueueScripts.REAP);
  private static final RedisScript DEAD_LETTERS = new RedisScript(QueueScripts.DEAD_LETTERS);

  private final RedisCommands<String, String> redis;
  private final String prefix;
  private final Clock clock;
  private final Duration heartbeatTtl;
  /** Fetch ids: unique per call, so that only a resent fetch finds its own memo (see {@link QueueScripts#FETCH}). */
  private final String instance = UUID.randomUUID() + ":";
  private final AtomicLong fetches = new AtomicLong();
  /** Per worker, the id of a fetch that failed without an answer (see {@link QueueScripts#FETCH}). */
  private final Map<String, String> unanswered = new ConcurrentHashMap<>();
  private final ReentrantLock wakeLock = new ReentrantLock();
  private final Condition woken = wakeLock.newCondition();
  /** Wake-up messages received so far; a fetcher sleeps only while this stays what it was before its last try. */
  private long wakeUps;

  /**
   * {@code keyPrefix} (e.g. {@code va:}) starts every key this queue uses. {@code signals} is a pub/sub connection on
   * the same Redis, used only to hear wake-ups (it may be shared by several queues).
   */
  public RedisJobQueue(StatefulRedisConnection<String, String> connection,
      StatefulRedisPubSubConnection<String, String> signals, String keyPrefix, Clock clock, Duration heartbeatTtl) {
    this.redis = connection.sync();
    this.prefix = keyPrefix;
    this.clock = clock;
    this.heartbeatTtl = heartbeatTtl;
    String channel = keyPrefix + "wake";
    signals.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String from, String message) {
        if (channel.equals(from)) wakeUp();
      }
    });
    // Lettuce subscribes again by itself after a reconnect
    signals.sync().subscribe(channel);
  }

  @Override
  public Job enqueue(Job job) {
    return enqueueAll(List.of(job)).get(0);
  }

  @Override
  public List<Job> enqueueAll(List<Job> jobs) {
    int width = QueueScripts.ENQUEUE_WIDTH;
    String[] args = new String[2 + jobs.size() * width];
    Instant now = clock.instant();
    args[0] = prefix;
    args[1] = Long.toString(floorMicros(now));
    int at = 2;
    for (Job job : jobs) {
      if (job.status() != JobStatus.QUEUED) throw new IllegalArgumentException("only a queued job can be enqueued");
      args[at] = job.id().toString();
      args[at + 1] = pack(job);
      args[at + 2] = readyList(job);
      args[at + 3] = Integer.toString(job.maxAttempts());
      args[at + 4] = text(job.idempotencyKey());
      args[at + 5] = Integer.toString(job.attempts());
      args[at + 6] = nanos(job.runAt());
      args[at + 7] = job.progress() == 0 ? "" : Integer.toString(job.progress());
      args[at + 8] = text(job.lastError());
      args[at + 9] = nanos(job.startedAt());
      args[at + 10] = nanos(job.finishedAt());
      // a due job goes straight to its ready list, even when its run-at is within the current microsecond
      args[at + 11] = job.runAt().isAfter(now) ? Long.toString(ceilMicros(job.runAt())) : "0";
      args[at + 12] = job.revision() == 0 ? "" : Long.toString(job.revision());
      at += width;
    }
    List<Object> replies = ENQUEUE.run(redis, ScriptOutputType.MULTI, args);
    List<Job> out = new ArrayList<>(jobs.size());
    for (int i = 0; i < jobs.size(); i++) {
      List<?> existing = (List<?>) replies.get(i);
      out.add(existing.isEmpty() ? jobs.get(i) : parse(existing));
    }
    return out;
  }

  @Override
  public List<Delivery> fetch(String workerId, Set<String> queues, int max, Duration wait)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      if (Thread.interrupted()) throw new InterruptedException();
      long seen = wakeUpsSoFar();
      List<Delivery> fetched = fetchNow(workerId, queues, max);
      long left = deadline - System.nanoTime();
      if (!fetched.isEmpty() || left <= 0) return fetched;
      awaitWakeUp(seen, Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
    }
  }

  private long wakeUpsSoFar() {
    wakeLock.lock();
    try {
      return wakeUps;
    } finally {
      wakeLock.unlock();
    }
  }

  /** Sleeps up to {@code nanos}, or less once a wake-up arrived after {@code seen}. */
  private void awaitWakeUp(long seen, long nanos) throws InterruptedException {
    wakeLock.lock();
    try {
      long left = nanos;
      while (wakeUps == seen && left > 0) left = woken.awaitNanos(left);
    } finally {
      wakeLock.unlock();
    }
  }

  private void wakeUp() {
    wakeLock.lock();
    try {
      wakeUps++;
      woken.signalAll();
    } finally {
      wakeLock.unlock();
    }
  }

  private List<Delivery> fetchNow(String workerId, Set<String> queues, int max) {
    Instant now = clock.instant();
    String[] args = new String[7 + queues.size()];
    args[0] = prefix;
    args[1] = workerId;
    args[2] = Long.toString(floorMicros(now));
    args[3] = nanos(now);
    args[4] = Integer.toString(max);
    args[5] = Long.toString(heartbeatTtl.toMillis());
    // a fetch whose answer never came may have taken jobs: its next try sends the same id to get them back
    String fetchId = unanswered.remove(workerId);
    args[6] = fetchId != null ? fetchId : instance + fetches.incrementAndGet();
    int i = 7;
    for (String queue : queues) args[i++] = queue;
    List<Object> rows;
    try {
      rows = FETCH.run(redis, ScriptOutputType.MULTI, args);
    } catch (RuntimeException e) {
      unanswered.put(workerId, args[6]);
      throw e;
    }
    List<Delivery> deliveries = new ArrayList<>(rows.size());
    for (Object row : rows) deliveries.add(new Delivery(parse(row), workerId));
    return deliveries;
  }

  @Override
  public Optional<Job> ack(Delivery delivery) {
    List<Job> acked = ackAll(List.of(delivery));
    return acked.isEmpty() ? Optional.empty() : Optional.of(acked.get(0));
  }

  @Override
  public List<Job> ackAll(List<Delivery> deliveries) {
    if (deliveries.isEmpty()) return List.of();
    Instant now = clock.instant();
    String[] args = new String[1 + 3 * deliveries.size()];
    args[0] = prefix;
    int at = 1;
    for (Delivery delivery : deliveries) {
      args[at++] = delivery.job().id().toString();
      args[at++] = delivery.workerId();
      args[at++] = Integer.toString(delivery.job().attempts());
    }
    List<Object> replies = ACK.run(redis, ScriptOutputType.MULTI, args);
    List<Job> acked = new ArrayList<>(deliveries.size());
    for (int i = 0; i < deliveries.size(); i++) {
      if (((Long) replies.get(i)) == 1) acked.add(deliveries.get(i).job().succeeded(now));
    }
    return acked;
  }

  @Override
  public Optional<Job> cancelled(Delivery delivery) {
    return job(STOPPED.run(redis, ScriptOutputType.MULTI, ownership(delivery, nanos(clock.instant()))));
  }

  @Override
  public Optional<Job> fail(Delivery delivery, String error, Instant retryAt) {
    Instant now = clock.instant();
    return job(FAIL.run(redis, ScriptOutputType.MULTI, ownership(delivery, Long.toString(floorMicros(now)),
        nanos(now), error, retryAt == null ? "" : nanos(retryAt),
        retryAt == null ? "" : Long.toString(ceilMicros(retryAt)))));
  }

  @Override
  public Optional<Job> release(Delivery delivery, Instant dueAt) {
    Instant now = clock.instant();
    return job(RELEASE.run(redis, ScriptOutputType.MULTI, ownership(delivery, Long.toString(floorMicros(now)),
        nanos(now), nanos(dueAt), Long.toString(ceilMicros(dueAt)))));
  }

  @Override
  public boolean progress(Delivery delivery, int percent) {
    if (percent < 0 || percent > 100) throw new IllegalArgumentException("progress must be between 0 and 100");
    Long recorded = PROGRESS.run(redis, ScriptOutputType.INTEGER, ownership(delivery, Integer.toString(percent)));
    return recorded == 1;
  }

  @Override
  public Optional<Job> cancel(JobId id) {
    return job(CANCEL.run(redis, ScriptOutputType.MULTI, prefix, id.toString(), nanos(clock.instant())));
  }

  @Override
  public boolean cancellationRequested(JobId id) {
    List<KeyValue<String, String>> flags = redis.hmget(jobKey(id), "s", "c");
    return "RUNNING".equals(flags.get(0).getValueOrElse(null)) && "1".equals(flags.get(1).getValueOrElse(null));
  }

  @Override
  public Optional<Job> find(JobId id) {
    List<KeyValue<String, String>> values = redis.hmget(jobKey(id), QueueScripts.STATE);
    if (!values.get(0).hasValue()) return Optional.empty();
    List<Object> fields = new ArrayList<>(values.size() + 1);
    fields.add(id.toString());
    for (KeyValue<String, String> value : values) fields.add(value.getValueOrElse(null));
    return Optional.of(parse(fields));
  }

  @Override
  public List<DeadLetter> deadLetters(int limit) {
    List<Object> rows = DEAD_LETTERS.run(redis, ScriptOutputType.MULTI, prefix, Integer.toString(limit));
    List<DeadLetter> letters = new ArrayList<>(rows.size());
    for (Object row : rows) {
      List<?> parts = (List<?>) row;
      List<String> errors = new ArrayList<>();
      for (Object error : (List<?>) parts.get(1)) errors.add((String) error);
      letters.add(new DeadLetter(parse(parts.get(0)), errors));
    }
    return letters;
  }

  @Override
  public Optional<Job> redrive(JobId id) {
    Instant now = clock.instant();
    return job(REDRIVE.run(redis, ScriptOutputType.MULTI, prefix, id.toString(), Long.toString(floorMicros(now)),
        nanos(now)));
  }

  @Override
  public void heartbeat(String workerId) {
    redis.set(prefix + "hb:" + workerId, "1", SetArgs.Builder.px(heartbeatTtl.toMillis()));
  }

  @Override
  public List<Job> reap() {
    Instant now = clock.instant();
    List<Object> rows = REAP.run(redis, ScriptOutputType.MULTI, prefix, Long.toString(floorMicros(now)), nanos(now));
    List<Job> reaped = new ArrayList<>(rows.size());
    for (Object row : rows) reaped.add(parse(row));
    return reaped;
  }

  private String jobKey(JobId id) {
    return prefix + "job:" + id;
  }

  /** Arguments naming a delivery: prefix, id, worker, attempts (the fencing token), then {@code more}. */
  private String[] ownership(Delivery delivery, String... more) {
    String[] args = new String[4 + more.length];
    args[0] = prefix;
    args[1] = delivery.job().id().toString();
    args[2] = delivery.workerId();
    args[3] = Integer.toString(delivery.job().attempts());
    System.arraycopy(more, 0, args, 4, more.length);
    return args;
  }

  private static Optional<Job> job(List<Object> fields) {
    return fields.isEmpty() ? Optional.empty() : Optional.of(parse(fields));
  }

  private static String readyList(Job job) {
    return job.queue() + ":" + job.priority().ordinal();
  }

  /**
   * The fields of a job that never change, in one hash field: each value as its length, a colon and its text (null
   * as empty), so no value needs escaping.
   */
  static String pack(Job job) {
    StringBuilder packed = new StringBuilder(96 + job.payload().length());
    for (String value : new String[] {text(job.userId()), job.type(), job.queue(),
        Integer.toString(job.priority().ordinal()), job.payload(), Integer.toString(job.maxAttempts()),
        text(job.idempotencyKey()), nanos(job.createdAt())}) {
      packed.append(value.length()).append(':').append(value);
    }
    return packed.toString();
  }

  /** The values {@link #pack} wrote, in order. */
  static String[] unpack(String packed) {
    String[] values = new String[8];
    int at = 0;
    for (int i = 0; i < values.length; i++) {
      int colon = packed.indexOf(':', at);
      int end = colon + 1 + Integer.parseInt(packed, at, colon, 10);
      values[i] = packed.substring(colon + 1, end);
      at = end;
    }
    return values;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /** Epoch nanoseconds as text (cheaper to write and parse than ISO-8601); "" for null. */
  private static String nanos(Instant t) {
    return t == null ? "" : Long.toString(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L),
        t.getNano()));
  }

  /** A job from its id followed by the hash fields of {@link QueueScripts#STATE}. */
  private static Job parse(Object row) {
    List<?> f = (List<?>) row;
    String[] fixed = unpack((String) f.get(1));
    String progress = string(f, 5);
    String revision = string(f, 9);
    return new Job(JobId.parse(string(f, 0), "id"), userId(orNull(fixed[0])), fixed[1], fixed[2],
        JobPriority.values()[Integer.parseInt(fixed[3])], fixed[4], JobStatus.valueOf(string(f, 2)),
        Integer.parseInt(string(f, 3)), Integer.parseInt(fixed[5]), instant(string(f, 4)), orNull(fixed[6]),
        progress == null ? 0 : Integer.parseInt(progress), string(f, 6), instant(orNull(fixed[7])),
        instant(string(f, 7)), instant(string(f, 8)), revision == null ? 0 : Long.parseLong(revision));
  }

  /** Field {@code i}; absent or empty stands for null. */
  private static String string(List<?> fields, int i) {
    Object value = fields.get(i);
    return value == null || "".equals(value) ? null : (String) value;
  }

  private static String orNull(String text) {
    return text.isEmpty() ? null : text;
  }

  private static UserId userId(String text) {
    return text == null ? null : UserId.parse(text, "user_id");
  }

  private static Instant instant(String text) {
    if (text == null) return null;
    long nanos = Long.parseLong(text);
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  static long floorMicros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  /** Due times round up, so a job is never fetched before its run-at time. */
  static long ceilMicros(Instant t) {
    return floorMicros(t) + (t.getNano() % 1_000 == 0 ? 0 : 1);
  }
}
