package dev.va.adapter.web.mail;

import static dev.va.application.fixture.EmailMessageBuilder.aMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.va.domain.job.JobId;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Response;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.adapter.web.TestApplication;
import dev.va.adapter.web.WebServer;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.Triage;
import dev.va.domain.schedule.ScheduledTask;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The mail API over HTTP, on one server for the class; every test works with users and mailboxes of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailApiTest {
  private static final String MAILBOX_PASSWORD = "mailbox-app-password";

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

  private Session user() {
    return client.signUp("mailuser" + names.incrementAndGet());
  }

  /** A request body connecting {@code address} on the test mail server. */
  private static Map<String, Object> connectBody(String address, String password) {
    Map<String, Object> body = new HashMap<>();
    body.put("email", address);
    body.put("display_name", "Work");
    body.put("imap_host", "imap.example.com");
    body.put("imap_port", 993);
    body.put("imap_security", "tls");
    body.put("smtp_host", "smtp.example.com");
    body.put("smtp_port", 587);
    body.put("smtp_security", "starttls");
    body.put("password", password);
    return body;
  }

  private JsonNode connect(Session user, String address) {
    application.mailServer().createMailbox(address, MAILBOX_PASSWORD);
    return client.post(MailRoutes.ACCOUNTS, user.accessToken(), connectBody(address, MAILBOX_PASSWORD)).ok(201);
  }

  private EmailAccount account(Session user, JsonNode view) {
    return application.repositories().accounts().listByUser(user.id()).stream()
        .filter(a -> a.id().toString().equals(view.get("id").asText())).findFirst().orElseThrow();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static String field(Response response, String code) {
    return response.error(400, code).get("field").asText();
  }

  @Test
  void connect_list_show_and_remove_an_account_without_ever_showing_its_password() {
    Session user = user();
    String address = "work-" + user.username() + "@example.com";

    JsonNode view = connect(user, address);

    assertThat(fieldNames(view)).containsExactly("id", "email", "display_name", "provider", "imap", "smtp",
        "username", "status", "needs_reauth", "last_sync_at", "last_error", "sync_failures", "last_attempt_at",
        "created_at", "updated_at");
    assertThat(view.get("email").asText()).isEqualTo(address);
    assertThat(view.get("provider").asText()).isEqualTo("IMAP");
    assertThat(view.get("imap").toString())
        .isEqualTo("{\"host\":\"imap.example.com\",\"port\":993,\"security\":\"TLS\"}");
    assertThat(view.get("smtp").get("security").asText()).isEqualTo("STARTTLS");
    assertThat(view.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(view.get("needs_reauth").asBoolean()).isFalse();
    assertThat(view.get("last_sync_at").isNull()).isTrue();
    EmailAccount stored = account(user, view);
    assertThat(view.toString()).doesNotContain(MAILBOX_PASSWORD).doesNotContain(stored.credentials().token());
    assertThat(application.cipher().decrypt(stored.credentials())).isEqualTo(MAILBOX_PASSWORD);
    List<ScheduledTask> tasks = application.repositories().tasks().listByUser(user.id());
    assertThat(tasks).singleElement().satisfies(task -> {
      assertThat(task.jobType()).isEqualTo("mail.sync");
      assertThat(task.nextFireAt()).isEqualTo(application.clock().instant());
    });

    JsonNode list = client.get(MailRoutes.ACCOUNTS, user.accessToken()).ok(200);
    assertThat(list.get("items")).singleElement().isEqualTo(view);
    String path = MailRoutes.ACCOUNTS + "/" + view.get("id").asText();
    assertThat(client.get(path, user.accessToken()).ok(200)).isEqualTo(view);

    Response removed = client.send("DELETE", path, user.accessToken(), null);
    assertThat(removed.status()).isEqualTo(204);
    client.get(path, user.accessToken()).error(404, "not_found");
    assertThat(client.get(MailRoutes.ACCOUNTS, user.accessToken()).ok(200).get("items")).isEmpty();
    assertThat(application.repositories().tasks().listByUser(user.id())).isEmpty();
  }

  @Test
  void a_rejected_connection_names_the_field_at_fault() {
    Session user = user();
    String address = "box-" + user.username() + "@example.com";
    application.mailServer().createMailbox(address, MAILBOX_PASSWORD);

    Response refused = client.post(MailRoutes.ACCOUNTS, user.accessToken(), connectBody(address, "wrong"));
    assertThat(field(refused, "validation_failed")).isEqualTo("password");
    assertThat(refused.json().get("error").get("message").asText()).contains("refused the username or password");

    application.mailServer().setUnreachable("smtp.example.com", true);
    try {
      assertThat(field(client.post(MailRoutes.ACCOUNTS, user.accessToken(), connectBody(address, MAILBOX_PASSWORD)),
          "validation_failed")).isEqualTo("smtp_host");
    } finally {
      application.mailServer().setUnreachable("smtp.example.com", false);
    }

    Map<String, Object> badPort = connectBody(address, MAILBOX_PASSWORD);
    badPort.put("imap_port", "imap");
    assertThat(field(client.post(MailRoutes.ACCOUNTS, user.accessToken(), badPort), "invalid_field"))
        .isEqualTo("imap_port");
    Map<String, Object> badSecurity = connectBody(address, MAILBOX_PASSWORD);
    badSecurity.put("imap_security", "ssl");
    assertThat(field(client.post(MailRoutes.ACCOUNTS, user.accessToken(), badSecurity), "validation_failed"))
        .isEqualTo("imap_security");
    Map<String, Object> noHost = connectBody(address, MAILBOX_PASSWORD);
    noHost.remove("imap_host");
    assertThat(field(client.post(MailRoutes.ACCOUNTS, user.accessToken(), noHost), "validation_failed"))
        .isEqualTo("imap_host");
    Map<String, Object> unknown = connectBody(address, MAILBOX_PASSWORD);
    unknown.put("token", "x");
    assertThat(field(client.post(MailRoutes.ACCOUNTS, user.accessToken(), unknown), "unknown_field"))
        .isEqualTo("token");
    assertThat(application.repositories().accounts().listByUser(user.id())).isEmpty();

    connect(user, "other-" + address);
    Response twice = client.post(MailRoutes.ACCOUNTS, user.accessToken(), connectBody("other-" + address,
        MAILBOX_PASSWORD));
    assertThat(twice.error(409, "duplicate").get("field").asText()).isEqualTo("email");
  }

  @Test
  void sync_now_answers_202_with_the_one_queued_job() {
    Session user = user();
    JsonNode account = connect(user, "sync-" + user.username() + "@example.com");
    String path = MailRoutes.ACCOUNTS + "/" + account.get("id").asText() + "/sync";

    Response first = client.post(path, user.accessToken(), null);
    JsonNode accepted = first.ok(202);
    assertThat(fieldNames(accepted)).containsExactly("job_id", "status");
    assertThat(accepted.get("status").asText()).isEqualTo("QUEUED");
    assertThat(client.post(path, user.accessToken(), null).ok(202).get("job_id")).isEqualTo(accepted.get("job_id"));
    assertThat(application.queue().find(JobId.parse(accepted.get("job_id").asText(), "job_id")))
        .hasValueSatisfying(job -> assertThat(job.idempotencyKey()).isEqualTo("mail.sync:" + account.get("id").asText()));
  }

  @Test
  void malformed_ids_are_rejected_naming_the_parameter_and_unknown_ones_are_not_found() {
    Session user = user();
    for (String path : List.of(MailRoutes.ACCOUNTS + "/nope", MailRoutes.MESSAGES + "/12")) {
      assertThat(field(client.get(path, user.accessToken()), "validation_failed")).as(path).isEqualTo("id");
    }
    assertThat(field(client.send("DELETE", MailRoutes.ACCOUNTS + "/nope", user.accessToken(), null),
        "validation_failed")).isEqualTo("id");
    assertThat(field(client.post(MailRoutes.ACCOUNTS + "/nope/sync", user.accessToken(), null),
        "validation_failed")).isEqualTo("id");
    String unknown = UUID.randomUUID().toString();
    client.get(MailRoutes.ACCOUNTS + "/" + unknown, user.accessToken()).error(404, "not_found");
    client.post(MailRoutes.ACCOUNTS + "/" + unknown + "/sync", user.accessToken(), null).error(404, "not_found");
    client.get(MailRoutes.MESSAGES + "/" + unknown, user.accessToken()).error(404, "not_found");
  }

  /** Five messages of two accounts, received an hour apart from {@code base}, in varied triage states. */
  private List<EmailMessage> mailbox(Session user, Instant base) {
    EmailAccount work = account(user, connect(user, "inbox-" + user.username() + "@example.com"));
    EmailAccount home = account(user, connect(user, "home-" + user.username() + "@example.com"));
    Instant t = base;
    Triage important = new Triage(Category.IMPORTANT, 0.9, true, true, false, true, t, List.of("boss"));
    Triage newsletter = new Triage(Category.NEWSLETTER, 0.8, false, false, false, true, t, List.of("list-id"));
    List<EmailMessage> all = List.of(
        aMessage(work).subject("Budget review").from("Boss <boss@corp.example>").receivedAt(t).triage(important)
            .build(),
        aMessage(work).subject("Weekly digest").from("news@lists.example").receivedAt(t.plusSeconds(3600))
            .triage(newsletter).build(),
        aMessage(work).subject("Lunch?").from("Carol <carol@example.org>").receivedAt(t.plusSeconds(7200))
            .triage(Triage.PENDING).build(),
        aMessage(home).subject("Your order").from("shop@store.example").receivedAt(t.plusSeconds(10800))
            .triage(Triage.PENDING).build(),
        aMessage(home).subject("Budget for the trip").from("Dan <dan@example.org>").receivedAt(t.plusSeconds(14400))
            .triage(newsletter.withFlagged(true)).build());
    all.forEach(application.repositories().messages()::insertIfAbsent);
    return all;
  }

  private List<String> subjects(Session user, String route, String query) {
    JsonNode page = client.get(route + "?" + query, user.accessToken()).ok(200);
    List<String> out = new ArrayList<>();
    page.get("items").forEach(item -> out.add(item.get("subject").asText()));
    return out;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void messages_are_listed_newest_first_with_every_filter() {
    Session user = user();
    Instant base = Instant.parse("2025-05-10T08:00:00Z");
    List<EmailMessage> all = mailbox(user, base);
    String work = all.get(0).accountId().toString();

    assertThat(subjects(user, MailRoutes.MESSAGES, "")).containsExactly("Budget for the trip", "Your order",
        "Lunch?", "Weekly digest", "Budget review");
    assertThat(subjects(user, MailRoutes.MESSAGES, "account_id=" + work))
        .containsExactly("Lunch?", "Weekly digest", "Budget review");
    assertThat(subjects(user, MailRoutes.MESSAGES, "category=newsletter"))
        .containsExactly("Budget for the trip", "Weekly digest");
    assertThat(subjects(user, MailRoutes.MESSAGES, "flagged=true"))
        .containsExactly("Budget for the trip", "Budget review");
    assertThat(subjects(user, MailRoutes.MESSAGES, "processed=false")).containsExactly("Your order", "Lunch?");
    assertThat(subjects(user, MailRoutes.MESSAGES, "q=BUDGET")).containsExactly("Budget for the trip",
        "Budget review");
    assertThat(subjects(user, MailRoutes.MESSAGES, "q=carol")).containsExactly("Lunch?");
    assertThat(subjects(user, MailRoutes.MESSAGES, "from=" + encode(base.plusSeconds(3600).toString()) + "&to="
        + encode("2025-05-10T12:30:00+02:00"))).containsExactly("Lunch?", "Weekly digest");
    assertThat(subjects(user, MailRoutes.MESSAGES, "from=2025-05-10&to=2025-05-10")).hasSize(5);
    assertThat(subjects(user, MailRoutes.MESSAGES, "to=2025-05-09")).isEmpty();
    assertThat(subjects(user, MailRoutes.MESSAGES, "category=newsletter&flagged=false&account_id=" + work))
        .containsExactly("Weekly digest");
  }

  @Test
  void pages_follow_the_cursor_to_the_end() {
    Session user = user();
    mailbox(user, Instant.parse("2025-05-11T08:00:00Z"));

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = client.get(MailRoutes.MESSAGES + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
          user.accessToken()).ok(200);
      assertThat(fieldNames(page)).containsExactly("items", "next_cursor");
      assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
      page.get("items").forEach(item -> seen.add(item.get("subject").asText()));
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("Budget for the trip", "Your order", "Lunch?", "Weekly digest",
        "Budget review");
  }

  @Test
  void a_filter_that_cannot_be_read_is_a_400_naming_it() {
    Session user = user();
    Map<String, String> bad = Map.of(
        "account_id=nope", "account_id",
        "category=No+Such!", "category",
        "flagged=yes", "flagged",
        "processed=1", "processed",
        "from=yesterday", "from",
        "to=2025-13-01", "to",
        "from=2025-05-02&to=2025-05-01", "to",
        "limit=0", "limit",
        "limit=many", "limit",
        "cursor=garbage", "cursor");
    bad.forEach((query, name) -> assertThat(field(client.get(MailRoutes.MESSAGES + "?" + query, user.accessToken()),
        "validation_failed")).as(query).isEqualTo(name));
    assertThat(field(client.get(MailRoutes.MESSAGES + "?q=" + "x".repeat(201), user.accessToken()),
        "validation_failed")).isEqualTo("q");
  }

  @Test
  void a_message_shows_every_field_va_holds() {
    Session user = user();
    EmailMessage message = mailbox(user, Instant.parse("2025-05-12T08:00:00Z")).get(0);

    JsonNode view = client.get(MailRoutes.MESSAGES + "/" + message.id(), user.accessToken()).ok(200);

    assertThat(fieldNames(view)).containsExactly("id", "account_id", "provider_message_id", "thread_id",
        "message_id_header", "from", "to", "cc", "subject", "received_at", "headers", "body_text", "attachments",
        "size_bytes", "labels", "parse_warnings", "triage", "created_at", "updated_at");
    assertThat(view.get("subject").asText()).isEqualTo("Budget review");
    assertThat(view.get("headers").get("Received")).hasSize(2);
    assertThat(view.get("body_text").asText()).isEqualTo(message.bodyText());
    assertThat(view.get("attachments").get(0).toString())
        .isEqualTo("{\"name\":\"report.pdf\",\"content_type\":\"application/pdf\",\"size\":48213}");
    assertThat(view.get("parse_warnings").get(0).asText()).isEqualTo("charset fallback");
    JsonNode triage = view.get("triage");
    assertThat(fieldNames(triage)).containsExactly("category", "confidence", "needs_reply", "flagged",
        "auto_reply_sent", "processed", "processed_at", "reasons");
    assertThat(triage.get("category").asText()).isEqualTo("important");
    assertThat(triage.get("processed").asBoolean()).isTrue();

    JsonNode summary = client.get(MailRoutes.MESSAGES + "?q=" + encode("Budget review"), user.accessToken()).ok(200)
        .get("items").get(0);
    assertThat(fieldNames(summary)).containsExactly("id", "account_id", "thread_id", "from", "to", "subject",
        "received_at", "snippet", "has_attachments", "size_bytes", "labels", "triage");
    assertThat(summary.get("snippet").asText())
        .isEqualTo("Hello Bob, the report is attached. \u00e9t\u00e9 \ud83d\ude00");
  }

  @Test
  void the_jobs_list_holds_only_processed_messages() {
    Session user = user();
    List<EmailMessage> all = mailbox(user, Instant.parse("2025-05-13T08:00:00Z"));

    assertThat(subjects(user, MailRoutes.JOBS, "")).containsExactly("Budget for the trip", "Weekly digest",
        "Budget review");
    assertThat(subjects(user, MailRoutes.JOBS, "processed=false")).hasSize(3);
    assertThat(subjects(user, MailRoutes.JOBS, "category=important")).containsExactly("Budget review");
    assertThat(subjects(user, MailRoutes.JOBS, "account_id=" + all.get(3).accountId() + "&limit=1"))
        .containsExactly("Budget for the trip");
  }

  @Test
  void another_users_mail_is_invisible() {
    Session owner = user();
    Session other = user();
    List<EmailMessage> all = mailbox(owner, Instant.parse("2025-05-14T08:00:00Z"));
    String account = all.get(0).accountId().toString();

    assertThat(client.get(MailRoutes.ACCOUNTS, other.accessToken()).ok(200).get("items")).isEmpty();
    assertThat(client.get(MailRoutes.MESSAGES, other.accessToken()).ok(200).get("items")).isEmpty();
    assertThat(client.get(MailRoutes.MESSAGES + "?account_id=" + account, other.accessToken()).ok(200)
        .get("items")).isEmpty();
    client.send("DELETE", MailRoutes.ACCOUNTS + "/" + account, other.accessToken(), null).error(404, "not_found");
    assertThat(client.get(MailRoutes.ACCOUNTS + "/" + account, owner.accessToken()).status()).isEqualTo(200);
  }
}
