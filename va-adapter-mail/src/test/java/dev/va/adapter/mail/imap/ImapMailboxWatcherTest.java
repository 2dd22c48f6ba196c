package dev.va.adapter.mail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.va.adapter.mail.MailSettings;
import dev.va.adapter.mail.mime.MimeIngest;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.port.out.MailboxWatcher;
import dev.va.application.port.out.MailboxWatcher.State;
import dev.va.application.port.out.MailboxWatcher.Watch;
import dev.va.application.port.out.MailboxWatcherContract;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.UserId;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IDLE watches against GreenMail (which offers IDLE) for the port's contract, and against a scripted server for what
 * GreenMail cannot play: no IDLE, dropped connections, a server gone silent.
 */
class ImapMailboxWatcherTest implements MailboxWatcherContract {
  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = GreenMailServer.extension();

  private static final ImapMailboxWatcher.Settings FAST = new ImapMailboxWatcher.Settings(Duration.ofMinutes(5),
      Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMinutes(10));

  private final Clock clock = Clock.systemUTC();
  private final InMemoryTokenCipher cipher = new InMemoryTokenCipher(List.of("key-1"));
  private GreenMailServer server;
  private ImapMailboxWatcher watcher;
  private EmailAccount account;

  @BeforeEach
  void setUp() {
    server = new GreenMailServer(GREEN_MAIL);
    watcher = watcher(FAST);
    account = account(server.imapPort(), GreenMailServer.PASSWORD);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    watcher.close();
    assertThat(eventually(() -> watcher.running() == 0, Duration.ofSeconds(5))).as("watch threads ended").isTrue();
  }

  private final ImapMailProvider imap = new ImapMailProvider(MailProviderType.IMAP, ImapAuth.PASSWORD,
      new MimeIngest(MailSettings.defaults().mime()), cipher, MailSettings.defaults(), clock);

  private ImapMailboxWatcher watcher(ImapMailboxWatcher.Settings settings) {
    return new ImapMailboxWatcher(List.of(imap), settings);
  }

  private EmailAccount account(int imapPort, String password) {
    Instant now = clock.instant();
    return new EmailAccount(EmailAccountId.random(), UserId.random(), MailProviderType.IMAP,
        EmailAddress.of(GreenMailServer.ADDRESS), "Me",
        new ServerEndpoint("127.0.0.1", imapPort, ServerEndpoint.Security.NONE), null, GreenMailServer.ADDRESS,
        cipher.encrypt(password), AccountStatus.ACTIVE, null, null, null, 0, null, now, now);
  }

  private static boolean eventually(BooleanSupplier condition, Duration within) throws InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) return true;
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  // contract hooks

  @Override
  public MailboxWatcher watcher() {
    return watcher;
  }

  @Override
  public EmailAccount account() {
    return account;
  }

  @Override
  public void deliver(String rawMessage) {
    server.append("INBOX", rawMessage, null);
  }

  // IMAP specifics

  @Test
  void mailSentOverSmtpIsReportedWithinSeconds() throws Exception {
    AtomicInteger arrivals = new AtomicInteger();
    try (Watch watch = watcher.watch(account, () -> Optional.of(account), arrivals::incrementAndGet)) {
      assertThat(eventually(() -> watch.state() == State.WATCHING, Duration.ofSeconds(5))).isTrue();

      Session session = Session.getInstance(new Properties());
      MimeMessage message = new MimeMessage(session);
      message.setFrom("friend@example.com");
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(GreenMailServer.ADDRESS));
      message.setSubject("push");
      message.setText("hello");
      Transport transport = session.getTransport("smtp");
      transport.connect("127.0.0.1", server.smtpPort(), null, null);
      try {
        transport.sendMessage(message, message.getAllRecipients());
      } finally {
        transport.close();
      }

      assertThat(eventually(() -> arrivals.get() == 1, Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void mailThatCameBetweenTheLastSyncAndTheFirstConnectionIsReported() throws Exception {
    deliver("Subject: seen by the sync\r\nMessage-ID: <seen@example.com>\r\n\r\nbody\r\n");
    EmailAccount synced = account.synced(imap.sync(account, null).nextCursor(), clock.instant());
    deliver("Subject: after the sync\r\nMessage-ID: <after@example.com>\r\n\r\nbody\r\n");

    AtomicInteger arrivals = new AtomicInteger();
    try (Watch watch = watcher.watch(synced, () -> Optional.of(synced), arrivals::incrementAndGet)) {
      assertThat(eventually(() -> arrivals.get() == 1, Duration.ofSeconds(5))).isTrue();
      assertThat(watch.state()).isEqualTo(State.WATCHING);
    }
  }

  @Test
  void aFirstConnectionReportsNothingWhenTheLastSyncSawEverythingOrThereWasNone() throws Exception {
    deliver("Subject: seen by the sync\r\nMessage-ID: <seen@example.com>\r\n\r\nbody\r\n");
    EmailAccount synced = account.synced(imap.sync(account, null).nextCursor(), clock.instant());

    for (EmailAccount watched : List.of(synced, account)) { // up to date; never synced (its first sync is queued)
      AtomicInteger arrivals = new AtomicInteger();
      try (Watch watch = watcher.watch(watched, () -> Optional.of(watched), arrivals::incrementAndGet)) {
        assertThat(eventually(() -> watch.state() == State.WATCHING, Duration.ofSeconds(5))).isTrue();
        Thread.sleep(300);
        assertThat(arrivals).hasValue(0);
      }
    }
  }

  @Test
  void theKeepAliveEndsEachIdleAndWatchingGoesOn() throws InterruptedException {
    ImapMailboxWatcher quick = watcher(new ImapMailboxWatcher.Settings(Duration.ofMillis(200), Duration.ofMillis(100),
        Duration.ofMillis(400), Duration.ofMinutes(10)));
    try {
      AtomicInteger arrivals = new AtomicInteger();
      Watch watch = quick.watch(account, () -> Optional.of(account), arrivals::incrementAndGet);
      assertThat(eventually(() -> watch.state() == State.WATCHING, Duration.ofSeconds(5))).isTrue();
      Thread.sleep(1000); // several keep-alives

      deliver("Subject: after keep-alives\r\nMessage-ID: <ka@example.com>\r\n\r\nbody\r\n");

      assertThat(eventually(() -> arrivals.get() == 1, Duration.ofSeconds(5))).isTrue();
      assertThat(watch.state()).isEqualTo(State.WATCHING);
    } finally {
      quick.close();
    }
  }

  @Test
  void aServerWithoutIdleIsLeftToPolling() throws Exception {
    try (ScriptedImapServer plain = new ScriptedImapServer(false)) {
      EmailAccount onPlain = account(plain.port(), "pw");
      Watch watch = watcher.watch(onPlain, () -> Optional.of(onPlain), () -> { });

      assertThat(eventually(() -> watch.state() == State.NOT_SUPPORTED, Duration.ofSeconds(5))).isTrue();
      Thread.sleep(500);
      assertThat(plain.logins()).hasSize(1); // asks again only after notSupportedRecheck
      watch.close();
      assertThat(eventually(() -> watch.state() == State.ENDED, Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void aDroppedConnectionIsReconnectedWithFreshCredentialsAndMailThatCameMeanwhileIsReported() throws Exception {
    try (ScriptedImapServer scripted = new ScriptedImapServer(true)) {
      AtomicReference<EmailAccount> stored = new AtomicReference<>(account(scripted.port(), "token-1"));
      AtomicInteger arrivals = new AtomicInteger();
      Watch watch = watcher.watch(stored.get(), () -> Optional.of(stored.get()), arrivals::incrementAndGet);
      assertThat(eventually(() -> scripted.idling() == 1, Duration.ofSeconds(5))).isTrue();
      assertThat(watch.state()).isEqualTo(State.WATCHING);

      stored.set(stored.get().withCredentials(cipher.encrypt("token-2"), clock.instant())); // refreshed meanwhile
      scripted.receivedMeanwhile();
      scripted.dropConnections();

      assertThat(eventually(() -> scripted.logins().size() == 2 && scripted.idling() == 1, Duration.ofSeconds(5)))
          .as("reconnected").isTrue();
      assertThat(scripted.logins()).containsExactly("token-1", "token-2");
      assertThat(eventually(() -> arrivals.get() == 1, Duration.ofSeconds(5))).isTrue();
      assertThat(watch.state()).isEqualTo(State.WATCHING);
      watch.close();
    }
  }

  @Test
  void aWatchWhoseAccountIsGoneOnReconnectingEnds() throws Exception {
    try (ScriptedImapServer scripted = new ScriptedImapServer(true)) {
      EmailAccount onScripted = account(scripted.port(), "pw");
      AtomicReference<Optional<EmailAccount>> stored = new AtomicReference<>(Optional.of(onScripted));
      Watch watch = watcher.watch(onScripted, stored::get, () -> { });
      assertThat(eventually(() -> scripted.idling() == 1, Duration.ofSeconds(5))).isTrue();

      stored.set(Optional.empty()); // deleted, or waiting for new credentials
      scripted.dropConnections();

      assertThat(eventually(() -> watch.state() == State.ENDED, Duration.ofSeconds(5))).isTrue();
      assertThat(scripted.logins()).hasSize(1);
    }
  }

  @Test
  void anUnreachableServerIsRetriedWithBackoff() throws Exception {
    ScriptedImapServer scripted = new ScriptedImapServer(true);
    int port = scripted.port();
    scripted.close();
    EmailAccount nowhere = account(port, "pw");
    Watch watch = watcher.watch(nowhere, () -> Optional.of(nowhere), () -> { });

    Thread.sleep(300);
    assertThat(watch.state()).isEqualTo(State.CONNECTING);
    watch.close();
    assertThat(eventually(() -> watch.state() == State.ENDED, Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void closingEndsAWatchAtOnceEvenWhenTheServerWentSilent() throws Exception {
    try (ScriptedImapServer scripted = new ScriptedImapServer(true)) {
      EmailAccount onScripted = account(scripted.port(), "pw");
      Watch watch = watcher.watch(onScripted, () -> Optional.of(onScripted), () -> { });
      assertThat(eventually(() -> scripted.idling() == 1, Duration.ofSeconds(5))).isTrue();
      scripted.goSilent();

      long start = System.nanoTime();
      watcher.close();

      assertThat(watch.state()).isEqualTo(State.ENDED);
      assertThat(watcher.running()).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }
}
