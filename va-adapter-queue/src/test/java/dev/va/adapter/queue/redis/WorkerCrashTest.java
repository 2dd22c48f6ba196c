package dev.va.adapter.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Workers in processes of their own, killed with SIGKILL at random points while they run jobs whose side effect is
 * guarded by {@code once}; a new worker starts after each kill. In the end every job ran to success once, none was
 * lost, the killed workers' jobs came back within seconds, and every effect happened once, except where a kill fell
 * between an effect and its record in the ledger, the window the ledger documents as at-least-once: such an effect
 * happens exactly twice, and the test proves each duplicate came from that window.
 */
class WorkerCrashTest {
  private static final int JOBS = 10_000;
  private static final int KILLS = 4;
  private static final long JOB_MILLIS = 8;

  private final TestRedis redis = new TestRedis();
  private final RedisCommands<String, String> commands = redis.connection().sync();
  private final String prefix = redis.newPrefix();
  private final List<Process> workers = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    workers.forEach(Process::destroyForcibly);
    redis.close();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void killedWorkersLoseNothingAndRepeatNoEffectOutsideTheInDoubtWindow() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Set<String> ids = enqueue();
    Map<String, Integer> inDoubt = new HashMap<>();
    List<Duration> reapTimes = new ArrayList<>();

    Process worker = start("crash-0");
    for (int kill = 1; kill <= KILLS; kill++) {
      String killed = "crash-" + (kill - 1);
      // a busy machine may take a while to get a new JVM going: kill at a random point once it works
      while (commands.scard(prefix + "proc:" + killed) == 0) Thread.sleep(10);
      Thread.sleep(300 + random.nextInt(700));
      worker.destroyForcibly().waitFor();
      long killedAt = System.nanoTime();
      // what the killed process had written to its socket still reaches Redis: let it land before looking
      Thread.sleep(200);
      Set<String> inFlight = commands.smembers(prefix + "proc:" + killed);
      for (String id : inFlight) {
        if (effectInDoubt(id)) inDoubt.merge(id, 1, Integer::sum);
      }
      worker = start("crash-" + kill);
      // the new worker's reaper returns the dead one's jobs once its heartbeat lapsed
      while (commands.exists(prefix + "proc:" + killed) == 1) {
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("seed %d: reaping %s", seed, killed)
            .isLessThan(Duration.ofSeconds(15));
        Thread.sleep(20);
      }
      reapTimes.add(Duration.ofNanos(System.nanoTime() - killedAt));
      assertThat(inFlight).as("seed %d: %s was killed with jobs in flight", seed, killed).isNotEmpty();
    }
    awaitAllDone(seed);

    assertThat(reapTimes).as("seed %d", seed).allSatisfy(t -> assertThat(t).isLessThanOrEqualTo(Duration.ofSeconds(10)));
    Map<String, Integer> effects = counts(commands.lrange(prefix + "effects", 0, -1));
    assertThat(effects.keySet()).as("seed %d: every job performed its effect", seed).isEqualTo(ids);
    effects.forEach((id, times) -> assertThat(times).as("seed %d: effects of %s", seed, id)
        .isEqualTo(1 + inDoubt.getOrDefault(id, 0)));
    assertThat(counts(commands.lrange(prefix + "acked", 0, -1)).values()).as("seed %d: no job acked twice", seed)
        .allSatisfy(times -> assertThat(times).isEqualTo(1));
    assertThat(commands.zcard(prefix + "dead")).isZero();
    System.out.printf("worker crashes (seed %d): %d kills, reaped after %s, %d effects in doubt at a kill%n", seed,
        KILLS, reapTimes, inDoubt.size());
  }

  private Set<String> enqueue() {
    RedisJobQueue queue = new RedisJobQueue(redis.connection(), redis.signals(), prefix, Clock.systemUTC(),
        EffectWorker.HEARTBEAT_TTL);
    Set<String> ids = new HashSet<>();
    List<Job> batch = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      Instant now = Instant.now();
      Job job = Job.create(null, EffectWorker.TYPE, EffectWorker.QUEUE, JobPriority.NORMAL, "{}", 10, now, null, now);
      ids.add(job.id().toString());
      batch.add(job);
      if (batch.size() == 500) {
        queue.enqueueAll(batch);
        batch.clear();
      }
    }
    return ids;
  }

  /** Claimed in the ledger but not marked done, while the effect is already there: the kill fell in between. */
  private boolean effectInDoubt(String id) {
    String state = commands.hget(prefix + "effect:" + EffectWorker.effectKey(id), "state");
    return "C".equals(state) && commands.lpos(prefix + "effects", id) != null;
  }

  /** A worker process on this test's classpath; returns once it fetches. */
  private Process start(String workerId) throws Exception {
    Path log = Files.createTempFile("va-crash-worker-", ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), EffectWorker.class.getName(), TestRedis.url(), prefix, workerId,
        Long.toString(JOB_MILLIS))
        .redirectError(log.toFile()).start();
    workers.add(process);
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (!"ready".equals(line)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("worker " + workerId + " did not start:\n" + Files.readString(log));
    }
    log.toFile().deleteOnExit();
    return process;
  }

  private void awaitAllDone(long seed) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      long left = jobsLeft();
      if (left == 0) return;
      assertThat(System.nanoTime()).as("seed %d: %d jobs still in the queue", seed, left).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private long jobsLeft() {
    return redis.keysUnder(prefix + "job:");
  }

  private static Map<String, Integer> counts(List<String> values) {
    Map<String, Integer> counts = new HashMap<>();
    for (String value : values) counts.merge(value, 1, Integer::sum);
    return counts;
  }
}
