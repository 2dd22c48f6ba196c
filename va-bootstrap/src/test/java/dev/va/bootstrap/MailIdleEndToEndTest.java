package dev.va.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.va.adapter.web.ApiClient;
import dev.va.adapter.web.ApiClient.Session;
import dev.va.application.mail.MailboxWatchService;
import dev.va.application.port.out.MailboxWatcher.State;
import dev.va.bootstrap.config.ConfigLoader;
import dev.va.domain.mail.EmailAccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IMAP IDLE on the full server against GreenMail: with {@code MAIL_IMAP_IDLE} mail shows up in va seconds after it
 * arrived, while the test clock stands still so that no scheduled sync can fire, and an account connected or removed
 * is watched or dropped at once, long before the next reconcile; without it nothing is watched.
 */
class MailIdleEndToEndTest {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup[] {
      ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

  private static final String ADDRESS = "ada@imap.example";
  private static final String PASSWORD = "imap-app-password";
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private FullServer api;
  private ApiClient client;

  private void start(Map<String, String> env) {
    GREEN_MAIL.setUser(ADDRESS, ADDRESS, PASSWORD);
    api = FullServer.start(env);
    client = new ApiClient(api.url());
  }

  @AfterEach
  void stop() {
    if (api != null) api.close();
  }

  @Test
  void with_idle_mail_to_a_just_connected_account_is_synced_at_once_without_waiting_for_poll_or_reconcile() {
    Instant started = Instant.now(); // the first reconcile runs at start, the next a minute later
    start(Map.of(ConfigLoader.MAIL_IMAP_IDLE, "true"));
    Session ada = client.signUp("ada");
    MailboxWatchService watching = api.port(MailboxWatchService.class);

    String accountId = connect(ada);
    EmailAccountId id = EmailAccountId.parse(accountId, "id");
    await(() -> watching.watches().get(id) == State.WATCHING, "the IDLE watch");
    // the first sync, queued on connecting, could find the message itself: it must be done first
    await(() -> !client.get("/api/v1/email/accounts/" + accountId, ada.accessToken()).ok(200)
        .get("last_sync_at").isNull(), "the first sync");
    Instant clock = api.now();
    GreenMailUtil.sendTextEmail(ADDRESS, "sender@example.org", "pushed", "body", GREEN_MAIL.getSmtp().getServerSetup());

    await(() -> EndToEnd.subjects(client, ada.accessToken(), accountId).contains("pushed"), "the pushed message");
    assertThat(api.now()).isEqualTo(clock); // no scheduled sync could have fired
    assertThat(Duration.between(started, Instant.now())).isLessThan(MailWatchRuntime.RECONCILE_EVERY);
  }

  @Test
  void with_idle_a_removed_account_is_no_longer_watched_at_once() {
    Instant started = Instant.now();
    start(Map.of(ConfigLoader.MAIL_IMAP_IDLE, "true"));
    Session ada = client.signUp("ada");
    MailboxWatchService watching = api.port(MailboxWatchService.class);
    String accountId = connect(ada);
    await(() -> watching.watches().get(EmailAccountId.parse(accountId, "id")) == State.WATCHING, "the IDLE watch");

    assertThat(client.send("DELETE", "/api/v1/email/accounts/" + accountId, ada.accessToken(), null).status())
        .isEqualTo(204);

    await(() -> watching.watches().isEmpty(), "the watch to end");
    assertThat(Duration.between(started, Instant.now())).isLessThan(MailWatchRuntime.RECONCILE_EVERY);
  }

  @Test
  void without_idle_no_inbox_is_watched() {
    start(Map.of());
    Session ada = client.signUp("ada");
    connect(ada);

    assertThat(api.port(MailboxWatchService.class).watches()).isEmpty();
  }

  private String connect(Session user) {
    return EndToEnd.connectImap(client, user, GREEN_MAIL, ADDRESS, PASSWORD);
  }


  private static void await(BooleanSupplier condition, String what) {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) throw new AssertionError("gave up waiting for " + what);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
