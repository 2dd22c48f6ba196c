package dev.va.application.port.out;

import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.MailProviderType;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Push notice of new mail (IMAP IDLE): watches an account's inbox over a connection of its own and says when mail
 * arrives, so that a sync can run at once rather than at the next poll. Best effort only: while the server lacks
 * push or cannot be reached, the watch retries with backoff and says nothing, and the scheduled sync still finds the
 * mail.
 */
public interface MailboxWatcher {
  /** What a watch is doing. */
  enum State {
    /** Connecting, or waiting to reconnect after a failure. */
    CONNECTING,
    /** Connected and listening. */
    WATCHING,
    /** The server offers no push; the watch checks again after a long wait. */
    NOT_SUPPORTED,
    /** Closed, or the account is no longer there to watch. */
    ENDED
  }

  /** A running watch of one account. */
  interface Watch extends AutoCloseable {
    State state();

    /** Stops watching and drops the connection at once; safe to call more than once. */
    @Override
    void close();
  }

  /** Whether accounts of this provider can be watched at all. */
  boolean supports(MailProviderType provider);

  /**
   * Starts watching on a thread of the watcher's own and returns at once. Each (re)connection reads the account from
   * {@code account} anew, so changed or refreshed credentials are used; when it returns empty (deleted, waiting for
   * credentials) the watch ends by itself. {@code onArrival} runs on the watcher's thread each time new mail appears
   * in the inbox and must return quickly; whatever it throws is logged and watching goes on.
   *
   * @throws IllegalArgumentException when the provider of the account is not {@linkplain #supports supported}
   */
  Watch watch(EmailAccount initial, Supplier<Optional<EmailAccount>> account, Runnable onArrival);
}
