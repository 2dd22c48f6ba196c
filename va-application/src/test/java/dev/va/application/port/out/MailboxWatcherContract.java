package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.port.out.MailboxWatcher.State;
import dev.va.application.port.out.MailboxWatcher.Watch;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.MailProviderType;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link MailboxWatcher} must have. Each test starts with an empty inbox for {@link #account()};
 * {@link #deliver} puts mail into it as an arriving mail would come.
 */
public interface MailboxWatcherContract {
  MailboxWatcher watcher();

  /** An account of a watchable provider, with valid credentials. */
  EmailAccount account();

  /** Puts an RFC 822 message into the account's inbox. */
  void deliver(String rawMessage);

  /** How long a notice may take to come. */
  default Duration patience() {
    return Duration.ofSeconds(10);
  }

  private static String message(int n) {
    return "From: sender@example.com\r\nTo: me@example.com\r\nSubject: watched " + n + "\r\n"
        + "Message-ID: <watched-" + n + "@example.com>\r\n\r\nbody\r\n";
  }

  private boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + patience().toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) return true;
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  @Test
  default void mailArrivingAfterTheWatchStartedIsReported() throws InterruptedException {
    AtomicInteger arrivals = new AtomicInteger();
    try (Watch watch = watcher().watch(account(), () -> Optional.of(account()), arrivals::incrementAndGet)) {
      assertThat(eventually(() -> watch.state() == State.WATCHING)).as("watching").isTrue();
      assertThat(arrivals).hasValue(0);

      deliver(message(1));

      assertThat(eventually(() -> arrivals.get() >= 1)).as("arrival reported").isTrue();
    }
  }

  @Test
  default void aClosedWatchEndsAndReportsNothingMore() throws InterruptedException {
    AtomicInteger arrivals = new AtomicInteger();
    Watch watch = watcher().watch(account(), () -> Optional.of(account()), arrivals::incrementAndGet);
    assertThat(eventually(() -> watch.state() == State.WATCHING)).isTrue();

    watch.close();
    watch.close();

    assertThat(eventually(() -> watch.state() == State.ENDED)).as("ended").isTrue();
    deliver(message(2));
    Thread.sleep(300);
    assertThat(arrivals).hasValue(0);
  }

  @Test
  default void aWatchWhoseAccountIsGoneEnds() throws InterruptedException {
    AtomicInteger arrivals = new AtomicInteger();
    try (Watch watch = watcher().watch(account(), Optional::empty, arrivals::incrementAndGet)) {
      assertThat(eventually(() -> watch.state() == State.ENDED)).isTrue();
    }
  }

  @Test
  default void anUnsupportedProviderIsRefused() {
    EmailAccount a = account();
    EmailAccount gmail = new EmailAccount(a.id(), a.userId(), MailProviderType.GMAIL, a.address(), a.displayName(),
        null, null, a.username(), a.credentials(), a.status(), null, null, null, 0, null, a.createdAt(),
        a.updatedAt());

    assertThat(watcher().supports(MailProviderType.GMAIL)).isFalse();
    assertThat(watcher().supports(a.provider())).isTrue();
    assertThatThrownBy(() -> watcher().watch(gmail, () -> Optional.of(gmail), () -> { }))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
