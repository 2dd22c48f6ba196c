package dev.va.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Modules;
import dev.va.adapter.persistence.PersistenceSettings;
import dev.va.adapter.persistence.TestDatabase.TestSchema;
import dev.va.adapter.web.WebSettings;
import dev.va.application.job.JobContext;
import dev.va.application.job.JobHandler;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobRepository;
import dev.va.bootstrap.config.ConfigLoader;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import dev.va.domain.job.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The in-process queue of the embedded mode loses nothing across a restart: its jobs come back from the history. */
class QueueRestoreOnRestartTest {
  private static final String TYPE = "test.note";

  /**
   * Notes the payload of each job it runs, as an effect performed once per job; with a gate, then waits until it
   * opens (a job still running when its process goes away).
   */
  private static final class Notes implements JobHandler {
    final List<String> ran = new CopyOnWriteArrayList<>();
    final List<String> effects = new CopyOnWriteArrayList<>();
    final CountDownLatch gate;

    Notes(CountDownLatch gate) {
      this.gate = gate;
    }

    Notes() {
      this(new CountDownLatch(0));
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public void handle(JobContext context) {
      ran.add(context.job().payload());
      context.once("note:" + context.job().id(), () -> effects.add(context.job().payload()));
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Optional<JobStatus> status(JobRepository jobs, Job job) {
    return jobs.findById(job.id()).map(Job::status);
  }

  private static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) throw new AssertionError(what + " within 20 s");
      Thread.sleep(20);
    }
  }

  private final String encryptionKey = FullServer.randomKey(32);
  private final String secretKey = FullServer.randomKey(48);

  private VaServer start(TestSchema schema, Path dataDir, String workerThreads, Notes notes) {
    Map<String, String> env = new HashMap<>(Map.of(
        ConfigLoader.VA_DATABASE_URL, schema.settings().jdbcUrl(),
        ConfigLoader.ENCRYPTION_KEY, encryptionKey,
        ConfigLoader.SECRET_KEY, secretKey,
        ConfigLoader.VA_DATA_DIR, dataDir.toString(),
        ConfigLoader.VA_WORKER_THREADS, workerThreads));
    Module test = binder -> {
      binder.bind(WebSettings.class).toInstance(WebSettings.localEphemeral());
      binder.bind(PersistenceSettings.class).toInstance(schema.settings());
      Multibinder.newSetBinder(binder, JobHandler.class).addBinding().toInstance(notes);
    };
    return VaServer.start(ConfigLoader.load(env), modules -> Modules.override(modules).with(test));
  }

  @Test
  void jobs_queued_before_a_restart_run_after_it_once() throws Exception {
    Path dataDir = Files.createTempDirectory("va-restore");
    try (TestSchema schema = TestSchema.create()) {
      Notes before = new Notes();
      VaServer first = start(schema, dataDir, "0", before); // queues, runs nothing
      Job due;
      Job later;
      try {
        Clock clock = first.injector().getInstance(Clock.class);
        JobQueue queue = first.injector().getInstance(JobQueue.class);
        due = queue.enqueue(Job.create(null, TYPE, Job.DEFAULT_QUEUE, JobPriority.NORMAL, "{\"n\":1}", 3,
            clock.instant(), "note-1", clock.instant()));
        later = queue.enqueue(Job.create(null, TYPE, Job.DEFAULT_QUEUE, JobPriority.NORMAL, "{\"n\":2}", 3,
            clock.instant().plus(Duration.ofDays(1)), null, clock.instant()));
      } finally {
        first.stop();
      }
      assertThat(before.ran).isEmpty();

      Notes after = new Notes();
      VaServer second = start(schema, dataDir, "1", after);
      try {
        JobRepository jobs = second.injector().getInstance(JobRepository.class);
        await("the restored job ran", () -> status(jobs, due).equals(Optional.of(JobStatus.SUCCEEDED)));
        assertThat(after.ran).containsExactly("{\"n\":1}");
        // not due yet, but held by the queue again: enqueueing its key anew adds nothing
        assertThat(second.injector().getInstance(JobQueue.class).find(later.id())).isPresent();
        assertThat(jobs.findById(later.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
      } finally {
        second.stop();
      }
    }
  }

  @Test
  void a_job_cut_off_while_running_runs_again_without_repeating_its_done_effects() throws Exception {
    Path dataDir = Files.createTempDirectory("va-restore");
    try (TestSchema schema = TestSchema.create()) {
      CountDownLatch gate = new CountDownLatch(1);
      Notes first = new Notes(gate);
      VaServer crashed = start(schema, dataDir, "1", first);
      try {
        Clock clock = crashed.injector().getInstance(Clock.class);
        JobRepository jobs = crashed.injector().getInstance(JobRepository.class);
        Job job = crashed.injector().getInstance(JobQueue.class).enqueue(Job.create(null, TYPE, Job.DEFAULT_QUEUE,
            JobPriority.NORMAL, "{\"n\":3}", 3, clock.instant(), null, clock.instant()));
        await("the first run performed its effect", () -> first.effects.size() == 1);
        await("the history says running", () -> status(jobs, job).equals(Optional.of(JobStatus.RUNNING)));

        // the first process hangs and is given up for lost; a new one starts on the same database
        Notes second = new Notes();
        VaServer restarted = start(schema, dataDir, "1", second);
        try {
          JobRepository after = restarted.injector().getInstance(JobRepository.class);
          await("the restored job ran", () -> status(after, job).equals(Optional.of(JobStatus.SUCCEEDED)));
          assertThat(second.ran).containsExactly("{\"n\":3}");
          assertThat(second.effects).as("performed before the restart: not again").isEmpty();
          assertThat(after.findById(job.id()).orElseThrow().attempts()).isEqualTo(2);
        } finally {
          restarted.stop();
        }
      } finally {
        gate.countDown();
        crashed.stop();
      }
      assertThat(first.effects).containsExactly("{\"n\":3}");
    }
  }
}
