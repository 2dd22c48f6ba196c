package dev.va.adapter.mail.imap;

import dev.va.application.port.out.MailboxWatcher;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.MailProviderType;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Watches IMAP inboxes with IDLE (RFC 2177), one connection and one thread per account, connected like the
 * {@link ImapMailProvider} of the account's provider type (same security, trust and credentials, OAuth tokens
 * refreshed). New mail is what the server reports with EXISTS; after a reconnect, a UIDNEXT above the one of the
 * last connection counts too (mail may have come meanwhile; at worst that asks for one sync too many), and on the
 * first connection a UIDNEXT beyond the last UID the account's sync cursor holds for the inbox.
 *
 * <p>Every {@code keepAlive} the IDLE is ended and a NOOP sent, which servers that log out idle clients after 30
 * minutes want, and which finds dead connections; reads time out after {@code keepAlive} plus the read timeout. A
 * failed or dropped connection is retried after {@code min(base * 2^(n-1), cap)} for the n-th failure in a row; a
 * server without IDLE is asked again after {@code notSupportedRecheck}. Closing a watch cuts its sockets, so it ends
 * at once even when the server went silent; {@link #close} ends every watch and the watcher's threads.
 */
public final class ImapMailboxWatcher implements MailboxWatcher, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ImapMailboxWatcher.class.getName());
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);
  private static final String INBOX = "INBOX";

  /** Timing of keep-alives and reconnects. */
  public record Settings(Duration keepAlive, Duration backoffBase, Duration backoffCap,
      Duration notSupportedRecheck) {
    public Settings {
      for (Duration d : List.of(keepAlive, backoffBase, backoffCap, notSupportedRecheck)) {
        if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("durations must be positive");
      }
      if (backoffCap.compareTo(backoffBase) < 0) throw new IllegalArgumentException("backoffCap below backoffBase");
    }

    /** NOOP every 5 minutes; reconnect after 5 seconds, doubling up to 5 minutes; without IDLE ask hourly. */
    public static Settings defaults() {
      return new Settings(Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofHours(1));
    }
  }

  private final Map<MailProviderType, MailSessions> sessions = new EnumMap<>(MailProviderType.class);
  private final Duration readTimeout;
  private final Settings settings;
  private final ExecutorService events = Executors.newCachedThreadPool(daemons("va-imap-idle-events"));
  private final ScheduledExecutorService keepAlives =
      Executors.newSingleThreadScheduledExecutor(daemons("va-imap-idle-keepalive"));
  private final Set<ImapWatch> watches = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** Watches accounts of the types of {@code providers}, connecting as they do. */
  public ImapMailboxWatcher(List<ImapMailProvider> providers, Settings settings) {
    if (providers.isEmpty()) throw new IllegalArgumentException("at least one IMAP provider is required");
    for (ImapMailProvider provider : providers) sessions.put(provider.type(), provider.sessions());
    this.readTimeout = providers.get(0).settings().readTimeout();
    this.settings = settings;
  }

  @Override
  public boolean supports(MailProviderType provider) {
    return sessions.containsKey(provider);
  }

  @Override
  public Watch watch(EmailAccount initial, Supplier<Optional<EmailAccount>> account, Runnable onArrival) {
    if (!supports(initial.provider())) {
      throw new IllegalArgumentException("accounts of " + initial.provider() + " cannot be watched over IMAP");
    }
    if (closed) throw new IllegalStateException("the watcher is closed");
    ImapWatch watch = new ImapWatch(initial, account, onArrival);
    watches.add(watch);
    Thread thread = new Thread(watch, "va-imap-idle-" + initial.id().toString().substring(0, 8));
    thread.setDaemon(true);
    watch.thread = thread;
    thread.start();
    return watch;
  }

  /** Ends every watch and waits briefly for their threads. */
  @Override
  public void close() {
    closed = true;
    List<ImapWatch> all = new ArrayList<>(watches);
    all.forEach(ImapWatch::close);
    for (ImapWatch watch : all) watch.join();
    keepAlives.shutdownNow();
    events.shutdownNow();
  }

  /** Watches running now (for tests: a closed watch is gone once its thread ended). */
  int running() {
    return (int) watches.stream().filter(w -> w.thread.isAlive()).count();
  }

  private Duration backoff(int failures) {
    long factor = 1L << Math.min(failures - 1, 30);
    Duration delay = settings.backoffBase().multipliedBy(factor);
    return delay.compareTo(settings.backoffCap()) > 0 || delay.isNegative() ? settings.backoffCap() : delay;
  }

  private enum End { DROPPED, FAILED, NOT_SUPPORTED }

  private final class ImapWatch implements Watch, Runnable {
    private final EmailAccount initial;
    private final Supplier<Optional<EmailAccount>> account;
    private final Runnable onArrival;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile State state = State.CONNECTING;
    private volatile TrackedSockets sockets;
    private volatile Thread thread;
    /** UIDNEXT of the inbox at the last connection; -1 before the first. */
    private long uidNext = -1;

    ImapWatch(EmailAccount initial, Supplier<Optional<EmailAccount>> account, Runnable onArrival) {
      this.initial = initial;
      this.account = account;
      this.onArrival = onArrival;
    }

    @Override
    public State state() {
      return state;
    }

    @Override
    public void close() {
      closing.countDown();
      TrackedSockets current = sockets;
      if (current != null) current.closeAll();
    }

    void join() {
      try {
        thread.join(JOIN_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private boolean closing() {
      return closing.getCount() == 0;
    }

    @Override
    public void run() {
      int failures = 0;
      try {
        while (!closing()) {
          Optional<EmailAccount> current;
          try {
            current = account.get();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read account {0} to watch it: {1}", initial.id(), e.toString());
            failures++;
            if (pause(backoff(failures))) break;
            continue;
          }
          if (current.isEmpty() || !supports(current.get().provider())) break;
          End end = watchOnce(current.get());
          if (closing()) break;
          if (end == End.NOT_SUPPORTED) {
            state = State.NOT_SUPPORTED;
            failures = 0;
            if (pause(settings.notSupportedRecheck())) break;
          } else {
            state = State.CONNECTING;
            failures = end == End.DROPPED ? 1 : failures + 1;
            if (pause(backoff(failures))) break;
          }
        }
      } finally {
        state = State.ENDED;
        watches.remove(this);
      }
    }

    /** True when the watch was closed while waiting. */
    private boolean pause(Duration delay) {
      try {
        return closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return true;
      }
    }

    /** One connection: until it drops or the watch is closed. DROPPED: it watched for a while. */
    private End watchOnce(EmailAccount current) {
      TrackedSockets connection = new TrackedSockets();
      sockets = connection;
      if (closing()) return End.DROPPED; // closed before the sockets could be cut
      IMAPStore store = null;
      IMAPFolder inbox = null;
      ScheduledFuture<?> keepAlive = null;
      boolean watched = false;
      try {
        store = sessions.get(current.provider()).imap(current, settings.keepAlive().plus(readTimeout), connection,
            events);
        if (!store.hasCapability("IDLE")) {
          if (state != State.NOT_SUPPORTED) {
            LOG.log(Level.INFO, "the IMAP server of account {0} offers no IDLE: new mail comes with the scheduled "
                + "sync only", current.id());
          }
          return End.NOT_SUPPORTED;
        }
        inbox = (IMAPFolder) store.getFolder(INBOX);
        inbox.addMessageCountListener(new MessageCountAdapter() {
          @Override
          public void messagesAdded(MessageCountEvent e) {
            arrived();
          }
        });
        inbox.open(Folder.READ_ONLY);
        long next = inbox.getUIDNext();
        boolean missed = uidNext >= 0 ? next > uidNext : behindLastSync(current, inbox.getUIDValidity(), next);
        uidNext = next;
        state = State.WATCHING;
        watched = true;
        if (missed) arrived(); // mail that came while there was no connection
        IMAPFolder idling = inbox;
        long period = settings.keepAlive().toMillis();
        keepAlive = keepAlives.scheduleWithFixedDelay(() -> noop(idling), period, period, TimeUnit.MILLISECONDS);
        while (!closing()) {
          inbox.idle(); // returns when the keep-alive interrupts it; throws when the connection drops
        }
        return End.DROPPED;
      } catch (MessagingException | RuntimeException e) {
        if (!closing()) {
          LOG.log(watched ? Level.INFO : Level.DEBUG, "IDLE connection of account {0} {1}: {2}; polling meanwhile",
              current.id(), watched ? "dropped" : "failed", e.getMessage());
        }
        return watched ? End.DROPPED : End.FAILED;
      } finally {
        if (keepAlive != null) keepAlive.cancel(false);
        connection.closeAll(); // so that closing below cannot wait on the server
        closeQuietly(inbox, store);
      }
    }

    /**
     * On the first connection: whether the inbox has mail the account's last sync did not see (it came between that
     * sync and this watch). An account never synced has its first sync queued already; messages deleted since the
     * sync may also raise UIDNEXT, which costs one sync too many at worst.
     */
    private static boolean behindLastSync(EmailAccount account, long uidValidity, long next) {
      SyncCursor.FolderState synced = SyncCursor.parse(account.syncCursor())
          .map(cursor -> cursor.folder(INBOX)).orElse(null);
      if (synced == null) return false;
      return synced.uidValidity() != uidValidity || next > synced.lastUid() + 1;
    }

    private void arrived() {
      try {
        onArrival.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "handling new mail of account {0} failed: {1}", initial.id(), e.toString());
      }
    }

    /** Ends the IDLE (the watch thread starts the next one) and checks the connection. */
    private void noop(IMAPFolder inbox) {
      try {
        inbox.doCommand(protocol -> {
          protocol.noop();
          return null;
        });
      } catch (MessagingException | RuntimeException e) {
        TrackedSockets current = sockets;
        if (current != null) current.closeAll(); // the watch thread reconnects
      }
    }
  }

  private static void closeQuietly(IMAPFolder inbox, IMAPStore store) {
    try {
      if (inbox != null && inbox.isOpen()) inbox.close(false);
    } catch (MessagingException | RuntimeException e) {
      // the connection is cut already; closing only releases the folder's resources
    }
    try {
      if (store != null) store.close();
    } catch (MessagingException | RuntimeException e) {
      // as above
    }
  }

  private static ThreadFactory daemons(String name) {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
