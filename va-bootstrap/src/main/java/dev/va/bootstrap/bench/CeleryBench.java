package dev.va.bootstrap.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Celery's side of {@code va bench queue}, on the same Redis: the Python producer in {@code bench/celery_bench.py}
 * enqueues the tasks, then a Celery worker process runs them; each task increments a Redis counter, which this class
 * polls.
 */
final class CeleryBench {
  static final String SCRIPT = "bench/celery_bench.py";
  private static final String INSTALL = "apt-get install -y python3-celery python3-redis";

  /** {@code workerStart}: from starting the worker to its first task done; {@code run}: from then to the last. */
  record Result(String version, int jobs, Duration enqueue, Duration workerStart, Duration run) {
    double perSecond() {
      return jobs / VaQueueBench.seconds(run);
    }
  }

  private final String python;
  private final int concurrency;
  private final int prefetch;

  CeleryBench(String python, int concurrency, int prefetch) {
    this.python = python;
    this.concurrency = concurrency;
    this.prefetch = prefetch;
  }

  /** Celery's version. @throws Unavailable saying why Celery cannot run here and how to fix it */
  String version() throws InterruptedException {
    if (!Files.isExecutable(Path.of(python))) {
      throw new Unavailable(python + " is not there; Celery runs on the system Python (" + INSTALL + ")");
    }
    try {
      Process probe = new ProcessBuilder(python, "-c", "import celery, redis; print(celery.__version__)")
          .redirectErrorStream(true).start();
      String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
        String last = out.lines().reduce((a, b) -> b).orElse("no output");
        throw new Unavailable(python + " cannot import celery and redis (" + last + "); install them with: " + INSTALL);
      }
      return out;
    } catch (IOException e) {
      throw new Unavailable("cannot run " + python + ": " + e.getMessage());
    }
  }

  Result run(BenchRedis redis, String version, int jobs, Path workDir) throws Exception {
    Path script = workDir.resolve("celery_bench.py");
    try (InputStream in = CeleryBench.class.getClassLoader().getResourceAsStream(SCRIPT)) {
      if (in == null) throw new IllegalStateException(SCRIPT + " is missing from the classpath");
      Files.copy(in, script);
    }
    String queue = "vabench-celery-" + UUID.randomUUID();
    String counter = queue + ".done";
    // every key Celery makes here carries the queue name
    redis.deleteOnClose("*" + queue + "*");
    Map<String, String> env = Map.of("VA_BENCH_BROKER", redis.url(), "VA_BENCH_QUEUE", queue,
        "VA_BENCH_COUNTER", counter, "VA_BENCH_PREFETCH", Integer.toString(prefetch),
        "PYTHONPATH", workDir.toString());

    long enqueueStart = System.nanoTime();
    Process producer = process(workDir, env, workDir.resolve("producer.log"),
        python, script.toString(), "produce", Integer.toString(jobs));
    if (!producer.waitFor(30, TimeUnit.MINUTES) || producer.exitValue() != 0) {
      throw new IllegalStateException("the Celery producer failed:\n" + tail(workDir.resolve("producer.log")));
    }
    Duration enqueue = Duration.ofNanos(System.nanoTime() - enqueueStart);
    long queued = redis.commands().llen(queue);
    if (queued != jobs) throw new IllegalStateException("Celery queued " + queued + " tasks, not " + jobs);

    long workerStart = System.nanoTime();
    Process worker = process(workDir, env, workDir.resolve("worker.log"), python, "-m", "celery", "-A",
        "celery_bench", "worker", "-Q", queue, "--concurrency", Integer.toString(concurrency), "--pool", "prefork",
        "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel", "WARNING");
    try {
      long firstDone = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + jobs / 100);
      while (true) {
        String value = redis.commands().get(counter);
        long done = value == null ? 0 : Long.parseLong(value);
        long now = System.nanoTime();
        if (done > 0 && firstDone == 0) firstDone = now;
        if (done >= jobs) {
          return new Result(version, jobs, enqueue, Duration.ofNanos(firstDone - workerStart),
              Duration.ofNanos(now - firstDone));
        }
        if (!worker.isAlive()) {
          throw new IllegalStateException("the Celery worker stopped:\n" + tail(workDir.resolve("worker.log")));
        }
        if (now > deadline) throw new IllegalStateException("Celery ran only " + done + " of " + jobs + " tasks");
        Thread.sleep(10);
      }
    } finally {
      stop(worker);
    }
  }

  private static Process process(Path dir, Map<String, String> env, Path log, String... command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** A warm shutdown (SIGTERM), then SIGKILL for the worker and its pool processes if it lingers. */
  private static void stop(Process worker) throws InterruptedException {
    List<ProcessHandle> children = new ArrayList<>(worker.descendants().toList());
    worker.destroy();
    if (!worker.waitFor(20, TimeUnit.SECONDS)) worker.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    for (ProcessHandle child : children) {
      if (child.isAlive()) child.destroyForcibly();
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  /** Celery cannot run on this machine; the message says why and how to fix it. */
  static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }
}
