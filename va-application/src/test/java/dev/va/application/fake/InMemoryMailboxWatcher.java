package dev.va.application.fake;

import dev.va.application.port.out.MailboxWatcher;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.MailProviderType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@link MailboxWatcher} of IMAP and Outlook accounts without a server: {@link #deliver} is new mail in an inbox.
 * A watch reads its account when it starts (and when a test {@linkplain #reconnect reconnects} it), and ends when
 * the account is gone, like a real one on connecting.
 */
public final class InMemoryMailboxWatcher implements MailboxWatcher {
  private static final Set<MailProviderType> SUPPORTED = Set.of(MailProviderType.IMAP, MailProviderType.OUTLOOK);

  private final List<FakeWatch> watches = new ArrayList<>();

  @Override
  public boolean supports(MailProviderType provider) {
    return SUPPORTED.contains(provider);
  }

  @Override
  public synchronized Watch watch(EmailAccount initial, Supplier<Optional<EmailAccount>> account,
      Runnable onArrival) {
    if (!supports(initial.provider())) throw new IllegalArgumentException("cannot watch " + initial.provider());
    FakeWatch watch = new FakeWatch(initial.id(), account, onArrival);
    watches.add(watch);
    watch.connect();
    return watch;
  }

  /** New mail in the account's inbox: every live watch of it is told. */
  public void deliver(EmailAccountId account) {
    for (FakeWatch watch : live(account)) watch.onArrival.run();
  }

  /** Each live watch of the account reads its account again, as after a dropped connection. */
  public void reconnect(EmailAccountId account) {
    for (FakeWatch watch : live(account)) watch.connect();
  }

  /** Accounts with a live watch, once per watch. */
  public synchronized List<EmailAccountId> watched() {
    return watches.stream().filter(w -> w.state != State.ENDED).map(w -> w.account).toList();
  }

  /** How many watches were started, ended ones included. */
  public synchronized int started() {
    return watches.size();
  }

  private synchronized List<FakeWatch> live(EmailAccountId account) {
    return watches.stream().filter(w -> w.account.equals(account) && w.state != State.ENDED).toList();
  }

  private static final class FakeWatch implements Watch {
    final EmailAccountId account;
    final Supplier<Optional<EmailAccount>> source;
    final Runnable onArrival;
    volatile State state = State.CONNECTING;

    FakeWatch(EmailAccountId account, Supplier<Optional<EmailAccount>> source, Runnable onArrival) {
      this.account = account;
      this.source = source;
      this.onArrival = onArrival;
    }

    void connect() {
      state = source.get().isPresent() ? State.WATCHING : State.ENDED;
    }

    @Override
    public State state() {
      return state;
    }

    @Override
    public void close() {
      state = State.ENDED;
    }
  }
}
