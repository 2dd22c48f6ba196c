package dev.va.bootstrap.bench;

import dev.va.adapter.persistence.PostgresJobRepository;
import dev.va.application.job.BatchingJobHistory;
import dev.va.bootstrap.bench.VaQueueBench.Latency;
import dev.va.bootstrap.bench.VaQueueBench.Throughput;
import dev.va.domain.job.Job;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code va bench queue}: throughput of the Redis job queue with the PostgreSQL job history off and on, enqueue-to-
 * start latency at a steady rate, and Celery on the same Redis for comparison. Everything it creates (Redis keys
 * under a random prefix, a PostgreSQL schema, Celery's keys) is removed when it ends.
 */
@Command(name = "queue", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Benchmarks the Redis job queue: throughput (PostgreSQL job history off and on), latency, and "
        + "Celery on the same Redis.",
        "Redis: VA_REDIS_URL (default redis://127.0.0.1:6379). PostgreSQL: VA_DATABASE_URL (jdbc:postgresql:// or "
            + "postgres://; default jdbc:postgresql://127.0.0.1:5432/test as postgres), in a schema of its own that "
            + "is dropped afterwards."})
final class QueueBenchCommand implements Callable<Integer> {
  static final String DEFAULT_REDIS = "redis://127.0.0.1:6379";
  static final String DEFAULT_DATABASE = "jdbc:postgresql://127.0.0.1:5432/test";

  /** Liquibase logs each migration through java.util.logging; held here so the level sticks. */
  private static final java.util.logging.Logger LIQUIBASE = java.util.logging.Logger.getLogger("liquibase");

  private final Map<String, String> env;

  @Spec
  private CommandSpec spec;

  @Option(names = "--jobs", description = "Jobs per throughput run and for Celery (default: ${DEFAULT-VALUE}).")
  int jobs = 200_000;

  @Option(names = "--rounds", description = "Throughput runs of each kind; each one is printed (default: ${DEFAULT-VALUE}).")
  int rounds = 1;

  @Option(names = "--warmup", description = "Jobs run first to warm the JVM up, not measured (default: ${DEFAULT-VALUE}).")
  int warmup = 20_000;

  @Option(names = "--threads", description = "Worker threads of the pool (default: ${DEFAULT-VALUE}).")
  int threads = 8;

  @Option(names = "--prefetch", description = "Jobs the pool fetches beyond its free threads (default: ${DEFAULT-VALUE}).")
  int prefetch = 256;

  @Option(names = "--producers", description = "Producer threads (default: ${DEFAULT-VALUE}).")
  int producers = 2;

  @Option(names = "--batch", description = "Jobs per enqueue call of a producer (default: ${DEFAULT-VALUE}).")
  int batch = 100;

  @Option(names = "--latency-rate", description = "Jobs per second of the latency run (default: ${DEFAULT-VALUE}).")
  int latencyRate = 1_000;

  @Option(names = "--latency-seconds", description = "Length of the latency run (default: ${DEFAULT-VALUE}).")
  int latencySeconds = 10;

  @Option(names = "--celery-jobs", description = "Tasks for Celery (default: --jobs).")
  Integer celeryJobs;

  @Option(names = "--celery-concurrency", description = "Celery worker processes (default: ${DEFAULT-VALUE}).")
  int celeryConcurrency = 2;

  @Option(names = "--celery-prefetch", description = "Celery's worker_prefetch_multiplier (default: ${DEFAULT-VALUE}).")
  int celeryPrefetch = 64;

  @Option(names = "--python", description = "Python that runs Celery (default: ${DEFAULT-VALUE}).")
  String python = "/usr/bin/python3";

  @Option(names = "--no-history", description = "Skip the run with the PostgreSQL job history.")
  boolean noHistory;

  @Option(names = "--no-latency", description = "Skip the latency run.")
  boolean noLatency;

  @Option(names = "--no-celery", description = "Skip Celery.")
  boolean noCelery;

  QueueBenchCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LIQUIBASE.setLevel(java.util.logging.Level.WARNING);
    String redisUrl = env.getOrDefault("VA_REDIS_URL", DEFAULT_REDIS);
    Clock clock = Clock.systemUTC();
    VaQueueBench.Settings settings = new VaQueueBench.Settings(threads, prefetch, producers, batch);
    out.printf("va bench queue: %,d no-op jobs, pool of %d threads (prefetch %d), %d producers enqueueing %d per "
        + "call, Redis %s; %d cores, load average %s%n", jobs, threads, prefetch, producers, batch,
        redactedRedis(redisUrl), Runtime.getRuntime().availableProcessors(), load());
    out.flush();
    Throughput best = null;
    try (BenchRedis redis = new BenchRedis(redisUrl)) {
      VaQueueBench va = new VaQueueBench(redis, settings, clock);
      if (warmup > 0) va.throughput(warmup, new NoHistory());
      for (int round = 1; round <= rounds; round++) {
        Throughput run = va.throughput(jobs, new NoHistory());
        print(out, "throughput, history off", run, 25_000);
        if (best == null || run.perSecond() > best.perSecond()) best = run;
      }
      if (!noHistory) historyRuns(out, va);
      if (!noLatency) {
        Latency latency = va.latency(latencyRate, Duration.ofSeconds(latencySeconds));
        out.printf("latency, enqueue to handler start, %,d jobs at %,.0f jobs/s: p50 %.3f ms, p90 %.3f ms, "
            + "p99 %.3f ms, max %.3f ms (targets p50 <= 1 ms: %s, p99 <= 5 ms: %s)%n", latency.jobs(),
            latency.rate(), millis(latency.p50()), millis(latency.p90()), millis(latency.p99()),
            millis(latency.max()), met(latency.p50() <= 1_000_000), met(latency.p99() <= 5_000_000));
        out.flush();
      }
      if (!noCelery) celery(out, redis, best);
    }
    out.printf("load average at the end: %s%n", load());
    return 0;
  }

  private void historyRuns(PrintWriter out, VaQueueBench va) throws Exception {
    Database target = database();
    BenchDatabase database;
    try {
      database = new BenchDatabase(target.url(), target.user(), target.password());
    } catch (RuntimeException e) {
      out.println("throughput, history on: skipped, PostgreSQL is not usable (set VA_DATABASE_URL, or use "
          + "--no-history): " + e.getMessage());
      return;
    }
    try (database) {
      for (int round = 1; round <= rounds; round++) {
        long before = database.count("SUCCEEDED");
        Throughput run;
        try (BatchingJobHistory history = new BatchingJobHistory(new PostgresJobRepository(database.database()),
            BatchingJobHistory.Settings.defaults())) {
          run = va.throughput(jobs, new VaQueueBench.History() {
            @Override
            public void record(Job job) {
              history.record(job);
            }

            @Override
            public void flush() throws InterruptedException {
              history.flush();
            }
          });
        }
        print(out, "throughput, history on ", run, 10_000);
        long stored = database.count("SUCCEEDED") - before;
        if (stored != jobs) throw new IllegalStateException("the history holds " + stored + " succeeded jobs, not " + jobs);
      }
      out.printf("  history: every job is in PostgreSQL as SUCCEEDED (schema %s, dropped now)%n", database.schema());
      out.flush();
    }
  }

  private void celery(PrintWriter out, BenchRedis redis, Throughput va) throws Exception {
    CeleryBench celery = new CeleryBench(python, celeryConcurrency, celeryPrefetch);
    String version;
    try {
      version = celery.version();
    } catch (CeleryBench.Unavailable e) {
      out.println("celery: skipped: " + e.getMessage());
      return;
    }
    int tasks = celeryJobs == null ? jobs : celeryJobs;
    out.printf("celery %s: %,d tasks (prefork, concurrency %d, prefetch multiplier %d, acks_late, no result "
        + "backend)...%n", version, tasks, celeryConcurrency, celeryPrefetch);
    out.flush();
    Path dir = Files.createTempDirectory("va-bench-celery");
    try {
      CeleryBench.Result result = celery.run(redis, version, tasks, dir);
      out.printf("celery: enqueued in %.1f s (%,.0f tasks/s), worker up in %.1f s, ran all in %.1f s = %,.0f "
          + "jobs/s%n", VaQueueBench.seconds(result.enqueue()), tasks / VaQueueBench.seconds(result.enqueue()),
          VaQueueBench.seconds(result.workerStart()), VaQueueBench.seconds(result.run()), result.perSecond());
      double ratio = va.perSecond() / result.perSecond();
      out.printf("va vs celery: %,.0f vs %,.0f jobs/s = %.1fx (target >= 10x: %s; va end to end with enqueueing, "
          + "celery's run only)%n", va.perSecond(), result.perSecond(), ratio, met(ratio >= 10));
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static void print(PrintWriter out, String what, Throughput run, int target) {
    out.printf("%s: %,d jobs in %.2f s = %,.0f jobs/s (target >= %,d: %s); Redis CPU %.1f us/job%n", what, run.jobs(),
        VaQueueBench.seconds(run.elapsed()), run.perSecond(), target, met(run.perSecond() >= target),
        run.redisMicrosPerJob());
    out.flush();
  }

  /** Where the history goes: VA_DATABASE_URL (JDBC or postgres:// form), else the local test database. */
  record Database(String url, String user, String password) {}

  Database database() {
    String url = env.get("VA_DATABASE_URL");
    String user = env.getOrDefault("POSTGRES_USER", "postgres");
    String password = env.getOrDefault("POSTGRES_PASSWORD", "");
    if (url == null || url.isBlank()) return new Database(DEFAULT_DATABASE, user, password);
    if (url.startsWith("jdbc:")) return new Database(url, user, password);
    URI uri = URI.create(url);
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      password = parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
    }
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    int port = uri.getPort() == -1 ? 5432 : uri.getPort();
    return new Database("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query, user, password);
  }

  private static String redactedRedis(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() == -1 ? 6379 : uri.getPort());
  }

  private static String load() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format("%.2f", load);
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static String met(boolean met) {
    return met ? "met" : "MISSED";
  }

  /** The history-off runs: the workers' states go nowhere. */
  private static final class NoHistory implements VaQueueBench.History {
    @Override
    public void record(Job job) {
      // history off
    }

    @Override
    public void flush() {
      // nothing buffered
    }
  }
}
