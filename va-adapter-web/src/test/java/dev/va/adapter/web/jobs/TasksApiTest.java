package dev.va.adapter.web.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Response;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.TestApplication;
import dev.va.adapter.web.WebServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The task API over HTTP. One server for the class; every test uses users of its own and only ever moves the shared
 * clock forward, by less than an access token's lifetime unless it signs up after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksApiTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private final TestApplication application = new TestApplication();
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
    return client.signUp("tasks" + names.incrementAndGet());
  }

  private static Map<String, Object> digest(Map<String, Object> changes) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "Daily digest");
    body.put("cron", "30 2 * * *");
    body.put("zone", "Europe/Berlin");
    body.put("job_type", "report.send");
    body.putAll(changes);
    return body;
  }

  private Response create(Session user, Object body) {
    return client.post(JobsRoutes.TASKS, user.accessToken(), body);
  }

  private JsonNode created(Session user, Map<String, Object> changes) {
    return create(user, digest(changes)).ok(201);
  }

  private static String path(String template, JsonNode task) {
    return template.replace("{id}", task.get("id").asText());
  }

  private Response get(Session user, String path) {
    return client.get(path, user.accessToken());
  }

  private static JsonNode json(String text) {
    try {
      return ApiClient.JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static Instant instant(JsonNode node) {
    return Instant.parse(node.asText());
  }

  /** The first 02:30 on Berlin's wall clock after {@code now} (no daylight saving change near the test's dates). */
  private static Instant nextBerlin0230(Instant now) {
    ZonedDateTime local = now.atZone(BERLIN);
    ZonedDateTime today = local.toLocalDate().atTime(LocalTime.of(2, 30)).atZone(BERLIN);
    return (today.toInstant().isAfter(now) ? today : today.plusDays(1)).toInstant();
  }

  private static String field(Response response) {
    return response.error(400, "validation_failed").get("field").asText();
  }

  @Test
  void a_created_cron_task_shows_every_field_and_is_listed() {
    Session user = newUser();
    Instant now = application.clock().instant();

    Response response = create(user, digest(Map.of("misfire_policy", "skip",
        "payload", Map.of("to", List.of("me@example.org"), "limit", 20, "nested", Map.of("ok", true)),
        "metadata", Map.of("source", "api"))));

    JsonNode task = response.ok(201);
    assertThat(fieldNames(task)).containsExactly("id", "name", "cron", "zone", "active", "misfire_policy",
        "job_type", "payload", "metadata", "last_fired_at", "next_fire_at", "created_at", "updated_at");
    assertThat(response.header("Location")).isEqualTo(path(JobsRoutes.TASK, task));
    assertThat(task.get("name").asText()).isEqualTo("Daily digest");
    assertThat(task.get("cron").asText()).isEqualTo("30 2 * * *");
    assertThat(task.get("zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(task.get("active").asBoolean()).isTrue();
    assertThat(task.get("misfire_policy").asText()).isEqualTo("skip");
    assertThat(task.get("job_type").asText()).isEqualTo("report.send");
    assertThat(task.get("payload"))
        .isEqualTo(json("{\"to\":[\"me@example.org\"],\"limit\":20,\"nested\":{\"ok\":true}}"));
    assertThat(task.get("metadata")).isEqualTo(json("{\"source\":\"api\"}"));
    assertThat(task.get("last_fired_at").isNull()).isTrue();
    assertThat(instant(task.get("next_fire_at"))).isEqualTo(nextBerlin0230(now));
    assertThat(instant(task.get("created_at"))).isEqualTo(now);
    assertThat(instant(task.get("updated_at"))).isEqualTo(now);

    assertThat(get(user, path(JobsRoutes.TASK, task)).ok(200)).isEqualTo(task);
    application.advance(Duration.ofSeconds(1));
    JsonNode second = created(user, Map.of("name", "Second"));
    assertThat(get(user, JobsRoutes.TASKS).ok(200)).isEqualTo(json("{\"items\":[" + task + "," + second + "]}"));
    assertThat(get(newUser(), JobsRoutes.TASKS).ok(200)).isEqualTo(json("{\"items\":[]}"));
  }

  @Test
  void an_interval_task_takes_the_defaults() {
    Session user = newUser();
    Instant now = application.clock().instant();

    JsonNode task = create(user, Map.of("name", "Sync", "interval_seconds", 900, "job_type", "mail.sync")).ok(201);

    assertThat(fieldNames(task)).contains("interval_seconds").doesNotContain("cron");
    assertThat(task.get("interval_seconds").asLong()).isEqualTo(900);
    assertThat(task.get("zone").asText()).isEqualTo("UTC");
    assertThat(task.get("misfire_policy").asText()).isEqualTo("fire_once");
    assertThat(task.get("payload")).isEqualTo(json("{}"));
    assertThat(task.get("metadata")).isEqualTo(json("{}"));
    assertThat(task.get("active").asBoolean()).isTrue();
    assertThat(instant(task.get("next_fire_at"))).isEqualTo(now.plusSeconds(900));
  }

  @Test
  void a_task_created_inactive_is_paused() {
    Session user = newUser();
    JsonNode task = created(user, Map.of("active", false));
    assertThat(task.get("active").asBoolean()).isFalse();
    assertThat(get(user, path(JobsRoutes.TASK, task)).ok(200).get("active").asBoolean()).isFalse();
  }

  @Test
  void invalid_tasks_are_400_naming_the_field_and_nothing_is_stored() {
    Session user = newUser();
    Map<String, Object> both = digest(Map.of("interval_seconds", 60));
    Map<String, Object> neither = digest(Map.of());
    neither.remove("cron");
    Map<String, Object> nameless = digest(Map.of());
    nameless.remove("name");
    String oversize = "x".repeat(64 * 1024);

    assertThat(field(create(user, digest(Map.of("cron", "61 * * * *"))))).isEqualTo("cron");
    assertThat(create(user, digest(Map.of("cron", "every day"))).error(400, "validation_failed").get("message")
        .asText()).contains("5 fields");
    assertThat(field(create(user, digest(Map.of("cron", "0 0 30 2 *"))))).isEqualTo("cron");
    assertThat(field(create(user, digest(Map.of("zone", "Mars/Olympus_Mons"))))).isEqualTo("zone");
    assertThat(field(create(user, digest(Map.of("job_type", "rocket.launch"))))).isEqualTo("job_type");
    assertThat(field(create(user, digest(Map.of("payload", Map.of("blob", oversize)))))).isEqualTo("payload");
    assertThat(field(create(user, digest(Map.of("payload", List.of(1, 2)))))).isEqualTo("payload");
    assertThat(field(create(user, digest(Map.of("payload", "{\"a\":1}"))))).as("a string, not JSON")
        .isEqualTo("payload");
    assertThat(field(create(user, both))).isEqualTo("schedule");
    assertThat(field(create(user, neither))).isEqualTo("schedule");
    assertThat(field(create(user, nameless))).isEqualTo("name");
    assertThat(field(create(user, digest(Map.of("misfire_policy", "sometimes"))))).isEqualTo("misfire_policy");
    assertThat(field(create(user, Map.of("name", "n", "interval_seconds", 0, "job_type", "mail.sync"))))
        .isEqualTo("interval_seconds");
    assertThat(create(user, digest(Map.of("owner", "someone"))).error(400, "unknown_field").get("field").asText())
        .isEqualTo("owner");

    assertThat(get(user, JobsRoutes.TASKS).ok(200).get("items")).isEmpty();
  }

  @Test
  void patch_changes_only_the_fields_given() {
    Session user = newUser();
    JsonNode task = created(user, Map.of("payload", Map.of("a", 1), "metadata", Map.of("k", "v")));
    String path = path(JobsRoutes.TASK, task);
    application.advance(Duration.ofMinutes(1));

    JsonNode renamed = client.send("PATCH", path, user.accessToken(), Map.of("name", "Renamed")).ok(200);
    assertThat(renamed.get("name").asText()).isEqualTo("Renamed");
    for (String kept : List.of("id", "cron", "zone", "active", "misfire_policy", "job_type", "payload", "metadata",
        "next_fire_at", "created_at")) {
      assertThat(renamed.get(kept)).as(kept).isEqualTo(task.get(kept));
    }
    assertThat(instant(renamed.get("updated_at"))).isEqualTo(application.clock().instant());

    JsonNode changed = client.send("PATCH", path, user.accessToken(), Map.of("interval_seconds", 3600,
        "zone", "America/New_York", "misfire_policy", "SKIP", "job_type", "mail.sync", "payload", Map.of("b", 2),
        "metadata", Map.of())).ok(200);
    assertThat(fieldNames(changed)).doesNotContain("cron");
    assertThat(changed.get("interval_seconds").asLong()).isEqualTo(3600);
    assertThat(changed.get("zone").asText()).isEqualTo("America/New_York");
    assertThat(changed.get("misfire_policy").asText()).isEqualTo("skip");
    assertThat(changed.get("job_type").asText()).isEqualTo("mail.sync");
    assertThat(changed.get("payload")).isEqualTo(json("{\"b\":2}"));
    assertThat(changed.get("metadata")).isEqualTo(json("{}"));
    // an interval is anchored at the task's creation
    assertThat(instant(changed.get("next_fire_at"))).isEqualTo(instant(task.get("created_at")).plusSeconds(3600));
    assertThat(get(user, path).ok(200)).isEqualTo(changed);

    assertThat(field(client.send("PATCH", path, user.accessToken(), Map.of("cron", "0 0 * *")))).isEqualTo("cron");
    assertThat(field(client.send("PATCH", path, user.accessToken(), Map.of("zone", "Nowhere")))).isEqualTo("zone");
    assertThat(field(client.send("PATCH", path, user.accessToken(), Map.of("job_type", "x.y")))).isEqualTo("job_type");
    assertThat(field(client.send("PATCH", path, user.accessToken(), Map.of("cron", "@daily", "interval_seconds", 5))))
        .isEqualTo("schedule");
    assertThat(get(user, path).ok(200)).as("unchanged by the refused patches").isEqualTo(changed);
  }

  @Test
  void delete_is_204_and_then_the_task_is_gone() {
    Session user = newUser();
    JsonNode task = created(user, Map.of());
    String path = path(JobsRoutes.TASK, task);

    Response deleted = client.send("DELETE", path, user.accessToken(), null);
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    get(user, path).error(404, "not_found");
    client.send("DELETE", path, user.accessToken(), null).error(404, "not_found");
    assertThat(get(user, JobsRoutes.TASKS).ok(200).get("items")).isEmpty();
  }

  @Test
  void pause_and_resume() {
    Session user = newUser();
    JsonNode task = create(user, Map.of("name", "Poll", "interval_seconds", 60, "job_type", "mail.sync")).ok(201);

    JsonNode paused = client.post(path(JobsRoutes.TASK_PAUSE, task), user.accessToken(), null).ok(200);
    assertThat(paused.get("active").asBoolean()).isFalse();
    assertThat(client.post(path(JobsRoutes.TASK_PAUSE, task), user.accessToken(), null).ok(200))
        .as("pausing again changes nothing").isEqualTo(paused);

    Instant resumedAt = application.advance(Duration.ofSeconds(150));
    JsonNode resumed = client.post(path(JobsRoutes.TASK_RESUME, task), user.accessToken(), null).ok(200);
    assertThat(resumed.get("active").asBoolean()).isTrue();
    // what the pause skipped does not fire: the next instant of the interval after now
    assertThat(instant(resumed.get("next_fire_at"))).isEqualTo(instant(task.get("created_at")).plusSeconds(180))
        .isAfter(resumedAt);
  }

  @Test
  void next_previews_fire_times_with_the_zone() {
    Session user = newUser();
    JsonNode task = create(user, Map.of("name", "Poll", "interval_seconds", 60, "job_type", "mail.sync")).ok(201);
    Instant created = instant(task.get("created_at"));
    String path = path(JobsRoutes.TASK_NEXT, task);

    JsonNode preview = get(user, path).ok(200);
    assertThat(fieldNames(preview)).containsExactly("fire_times", "zone");
    assertThat(preview.get("zone").asText()).isEqualTo("UTC");
    List<Instant> times = new ArrayList<>();
    preview.get("fire_times").forEach(t -> times.add(instant(t)));
    assertThat(times).containsExactly(created.plusSeconds(60), created.plusSeconds(120), created.plusSeconds(180),
        created.plusSeconds(240), created.plusSeconds(300));

    assertThat(get(user, path + "?count=100").ok(200).get("fire_times")).hasSize(100);
    assertThat(get(user, path + "?count=1").ok(200).get("fire_times")).hasSize(1);
    for (String count : List.of("0", "101", "-3", "five")) {
      assertThat(field(get(user, path + "?count=" + count))).as(count).isEqualTo("count");
    }
  }

  @Test
  void berlin_spring_forward_preview_fires_the_missing_0230_at_0330_summer_time() {
    application.clock().set(Instant.parse("2026-03-27T12:00:00Z"));
    Session user = newUser();
    JsonNode task = created(user, Map.of());

    JsonNode preview = get(user, path(JobsRoutes.TASK_NEXT, task) + "?count=3").ok(200);

    assertThat(preview.get("zone").asText()).isEqualTo("Europe/Berlin");
    // 02:30 CET (01:30Z) on the 28th; 02:30 does not exist on the 29th, so 03:30 CEST (01:30Z); then 02:30 CEST
    assertThat(preview.get("fire_times"))
        .isEqualTo(json("[\"2026-03-28T01:30:00Z\",\"2026-03-29T01:30:00Z\",\"2026-03-30T00:30:00Z\"]"));
  }

  @Test
  void another_users_task_is_not_found_on_every_route() {
    Session owner = newUser();
    Session other = newUser();
    JsonNode task = created(owner, Map.of());

    get(other, path(JobsRoutes.TASK, task)).error(404, "not_found");
    get(other, path(JobsRoutes.TASK_NEXT, task)).error(404, "not_found");
    client.send("PATCH", path(JobsRoutes.TASK, task), other.accessToken(), Map.of("name", "mine"))
        .error(404, "not_found");
    client.post(path(JobsRoutes.TASK_PAUSE, task), other.accessToken(), null).error(404, "not_found");
    client.post(path(JobsRoutes.TASK_RESUME, task), other.accessToken(), null).error(404, "not_found");
    client.send("DELETE", path(JobsRoutes.TASK, task), other.accessToken(), null).error(404, "not_found");
    assertThat(get(owner, path(JobsRoutes.TASK, task)).ok(200)).as("untouched").isEqualTo(task);
    assertThat(field(get(owner, JobsRoutes.TASKS + "/not-an-id"))).isEqualTo("id");
  }
}
