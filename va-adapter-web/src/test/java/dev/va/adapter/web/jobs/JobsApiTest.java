package dev.va.adapter.web.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Response;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.TestApplication;
import dev.va.adapter.web.WebServer;
import dev.va.application.fake.InMemoryJobQueue;
import dev.va.application.port.out.JobQueue.Delivery;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import dev.va.domain.job.JobStatus;
import dev.va.domain.user.UserId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The job API over HTTP. Jobs are made as the scheduler and the workers make them: recorded and enqueued, fetched,
 * failed, with each new state recorded as the job history would. Every test uses users and a queue of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsApiTest {
  private final TestApplication application = new TestApplication();
  private final InMemoryJobQueue queue = application.queue();
  private final AtomicInteger names = new AtomicInteger();
  private WebServer server;
  private ApiClient client;

  @BeforeAll
  void start() {
    server = application.startServer();
    client = new ApiClient(server.url());
  }

  @AfterAll
  void stop() {
    server.stop();
  }

  private Session newUser() {
    return client.signUp("jobs" + names.incrementAndGet());
  }

  private String newQueue() {
    return "q" + names.incrementAndGet();
  }

  /** A job recorded and queued now; the clock then moves on, so jobs made one after another list newest first. */
  private Job queued(UserId owner, String type, String queueName, int maxAttempts) {
    Instant now = application.clock().instant();
    Job job = Job.create(owner, type, queueName, JobPriority.NORMAL, "{\"account\": \"42\", \"full\": true}",
        maxAttempts, now, "key-" + names.incrementAndGet(), now);
    record(job);
    application.advance(Duration.ofSeconds(1));
    return queue.enqueue(job);
  }

  private void record(Job job) {
    application.repositories().jobs().upsertAll(List.of(job));
  }

  private Delivery fetch(String queueName) throws InterruptedException {
    List<Delivery> fetched = queue.fetch("worker", Set.of(queueName), 1, Duration.ZERO);
    assertThat(fetched).hasSize(1);
    record(fetched.get(0).job());
    return fetched.get(0);
  }

  /** A job whose attempts all failed with {@code errors}, recorded dead. */
  private Job dead(UserId owner, String... errors) throws InterruptedException {
    String queueName = newQueue();
    Job job = queued(owner, "mail.sync", queueName, errors.length);
    for (String error : errors) job = queue.fail(fetch(queueName), error, application.clock().instant()).orElseThrow();
    record(job);
    return job;
  }

  private static String path(String template, Job job) {
    return template.replace("{id}", job.id().toString());
  }

  private Response get(Session user, String path) {
    return client.get(path, user.accessToken());
  }

  private Response post(Session user, String path) {
    return client.post(path, user.accessToken(), null);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(item -> ids.add(item.get("id").asText()));
    return ids;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static JsonNode json(String text) {
    try {
      return ApiClient.JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String field(Response response) {
    return response.error(400, "validation_failed").get("field").asText();
  }

  @Test
  void the_list_shows_the_callers_jobs_newest_first_with_filters_and_pages() throws Exception {
    Session user = newUser();
    String mail = newQueue();
    String busy = newQueue();
    Job sync = queued(user.id(), "mail.sync", mail, 3);
    Job report = queued(user.id(), "report.send", newQueue(), 3);
    Job running = queued(user.id(), "mail.sync", busy, 3);
    fetch(busy);
    queued(newUser().id(), "mail.sync", mail, 3);

    JsonNode all = get(user, JobsRoutes.JOBS).ok(200);
    assertThat(fieldNames(all)).containsExactly("items", "next_cursor");
    assertThat(ids(all)).containsExactly(running.id().toString(), report.id().toString(), sync.id().toString());
    assertThat(all.get("next_cursor").isNull()).isTrue();

    JsonNode item = all.get("items").get(2);
    assertThat(fieldNames(item)).containsExactly("id", "type", "queue", "priority", "status", "attempts",
        "max_attempts", "run_at", "idempotency_key", "progress", "last_error", "created_at", "started_at",
        "finished_at", "payload");
    assertThat(item.get("type").asText()).isEqualTo("mail.sync");
    assertThat(item.get("queue").asText()).isEqualTo(mail);
    assertThat(item.get("priority").asText()).isEqualTo("normal");
    assertThat(item.get("status").asText()).isEqualTo("queued");
    assertThat(item.get("attempts").asInt()).isZero();
    assertThat(item.get("max_attempts").asInt()).isEqualTo(3);
    assertThat(Instant.parse(item.get("run_at").asText())).isEqualTo(sync.runAt());
    assertThat(item.get("idempotency_key").asText()).isEqualTo(sync.idempotencyKey());
    assertThat(item.get("progress").asInt()).isZero();
    assertThat(item.get("last_error").isNull()).isTrue();
    assertThat(Instant.parse(item.get("created_at").asText())).isEqualTo(sync.createdAt());
    assertThat(item.get("started_at").isNull()).isTrue();
    assertThat(item.get("finished_at").isNull()).isTrue();
    assertThat(item.get("payload")).isEqualTo(json("{\"account\":\"42\",\"full\":true}"));

    assertThat(ids(get(user, JobsRoutes.JOBS + "?status=RUNNING").ok(200))).containsExactly(running.id().toString());
    assertThat(ids(get(user, JobsRoutes.JOBS + "?status=queued&type=mail.sync").ok(200)))
        .containsExactly(sync.id().toString());
    assertThat(ids(get(user, JobsRoutes.JOBS + "?queue=" + mail).ok(200))).containsExactly(sync.id().toString());
    assertThat(ids(get(user, JobsRoutes.JOBS + "?type=mail.sync").ok(200)))
        .containsExactly(running.id().toString(), sync.id().toString());
    assertThat(ids(get(user, JobsRoutes.JOBS + "?status=dead").ok(200))).isEmpty();

    JsonNode first = get(user, JobsRoutes.JOBS + "?limit=2").ok(200);
    assertThat(ids(first)).containsExactly(running.id().toString(), report.id().toString());
    JsonNode rest = get(user, JobsRoutes.JOBS + "?limit=2&cursor=" + first.get("next_cursor").asText()).ok(200);
    assertThat(ids(rest)).containsExactly(sync.id().toString());
    assertThat(rest.get("next_cursor").isNull()).isTrue();
  }

  @Test
  void invalid_list_parameters_are_400_naming_the_parameter() {
    Session user = newUser();
    assertThat(field(get(user, JobsRoutes.JOBS + "?status=sleeping"))).isEqualTo("status");
    assertThat(field(get(user, JobsRoutes.JOBS + "?limit=0"))).isEqualTo("limit");
    assertThat(field(get(user, JobsRoutes.JOBS + "?limit=201"))).isEqualTo("limit");
    assertThat(field(get(user, JobsRoutes.JOBS + "?limit=many"))).isEqualTo("limit");
    assertThat(field(get(user, JobsRoutes.JOBS + "?cursor=not-a-cursor"))).isEqualTo("cursor");
    assertThat(field(get(user, JobsRoutes.JOBS + "/42"))).isEqualTo("id");
  }

  @Test
  void a_job_shows_the_queues_current_state_and_a_dead_jobs_error_history() throws Exception {
    Session user = newUser();
    String mail = newQueue();
    Job job = queued(user.id(), "mail.sync", mail, 3);
    Delivery delivery = fetch(mail);
    queue.progress(delivery, 60);

    JsonNode running = get(user, path(JobsRoutes.JOB, job)).ok(200);
    assertThat(running.get("status").asText()).isEqualTo("running");
    assertThat(running.get("progress").asInt()).as("fresher in the queue than in the record").isEqualTo(60);
    assertThat(running.get("attempts").asInt()).isEqualTo(1);
    assertThat(running.get("errors")).isEmpty();

    Job buried = dead(user.id(), "connection refused", "timeout");
    JsonNode dead = get(user, path(JobsRoutes.JOB, buried)).ok(200);
    assertThat(dead.get("status").asText()).isEqualTo("dead");
    assertThat(dead.get("last_error").asText()).isEqualTo("timeout");
    assertThat(dead.get("errors")).isEqualTo(json("[\"connection refused\",\"timeout\"]"));
    assertThat(dead.get("finished_at").asText()).isNotEmpty();
    assertThat(get(user, JobsRoutes.JOBS).ok(200).get("items").get(0).has("errors"))
        .as("errors only on a single job").isFalse();
  }

  @Test
  void retry_queues_a_dead_job_again_and_refuses_any_other() throws Exception {
    Session user = newUser();
    Job buried = dead(user.id(), "boom");

    JsonNode retried = post(user, path(JobsRoutes.JOB_RETRY, buried)).ok(200);

    assertThat(retried.get("id").asText()).isEqualTo(buried.id().toString());
    assertThat(retried.get("status").asText()).isEqualTo("queued");
    assertThat(retried.get("attempts").asInt()).isZero();
    assertThat(retried.get("last_error").asText()).as("kept for reference").isEqualTo("boom");
    assertThat(queue.find(buried.id())).map(Job::status).contains(JobStatus.QUEUED);
    assertThat(ids(get(user, JobsRoutes.JOBS + "?status=queued").ok(200))).contains(buried.id().toString());

    JsonNode conflict = post(user, path(JobsRoutes.JOB_RETRY, buried)).error(409, "job_not_dead");
    assertThat(conflict.get("message").asText()).contains("dead");
    Job waiting = queued(user.id(), "report.send", newQueue(), 3);
    post(user, path(JobsRoutes.JOB_RETRY, waiting)).error(409, "job_not_dead");
  }

  @Test
  void cancel_ends_a_waiting_job_asks_a_running_one_to_stop_and_refuses_a_finished_one() throws Exception {
    Session user = newUser();
    String mail = newQueue();
    Job running = queued(user.id(), "mail.sync", mail, 3);
    fetch(mail);
    Job waiting = queued(user.id(), "report.send", newQueue(), 3);

    Response cancelled = post(user, path(JobsRoutes.JOB_CANCEL, waiting));
    assertThat(cancelled.ok(200).get("status").asText()).isEqualTo("cancelled");
    assertThat(queue.find(waiting.id())).isEmpty();
    assertThat(get(user, path(JobsRoutes.JOB, waiting)).ok(200).get("status").asText()).isEqualTo("cancelled");

    Response stopping = post(user, path(JobsRoutes.JOB_CANCEL, running));
    assertThat(stopping.ok(202).get("status").asText()).isEqualTo("running");
    assertThat(queue.cancellationRequested(running.id())).isTrue();

    post(user, path(JobsRoutes.JOB_CANCEL, waiting)).error(409, "job_finished");
    post(user, path(JobsRoutes.JOB_CANCEL, dead(user.id(), "boom"))).error(409, "job_finished");
  }

  @Test
  void another_users_job_is_not_found_on_every_route() throws Exception {
    Session owner = newUser();
    Session other = newUser();
    Job buried = dead(owner.id(), "boom");

    get(other, path(JobsRoutes.JOB, buried)).error(404, "not_found");
    post(other, path(JobsRoutes.JOB_RETRY, buried)).error(404, "not_found");
    post(other, path(JobsRoutes.JOB_CANCEL, buried)).error(404, "not_found");
    assertThat(get(other, JobsRoutes.JOBS).ok(200).get("items")).isEmpty();
    assertThat(queue.find(buried.id())).map(Job::status).as("untouched").contains(JobStatus.DEAD);
  }
}
