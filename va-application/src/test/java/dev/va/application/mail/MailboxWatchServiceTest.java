package dev.va.application.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.fake.InMemoryJobQueue;
import dev.va.application.fake.InMemoryMailboxWatcher;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.SettableClock;
import dev.va.application.fixture.EmailAccountBuilder;
import dev.va.application.port.out.JobQueue.Delivery;
import dev.va.application.port.out.MailboxWatcher;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobStatus;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MailboxWatchServiceTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2025-06-02T08:00:00Z"));
  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final InMemoryMailboxWatcher watcher = new InMemoryMailboxWatcher();
  private final InMemoryJobQueue queue = new InMemoryJobQueue(clock, Duration.ofMinutes(1));
  private final MailboxWatchService service =
      new MailboxWatchService(repositories.accounts(), watcher, queue, clock);
  private final UserId user = UserId.random();

  private EmailAccount stored(EmailAccount account) {
    repositories.accounts().insert(account);
    return account;
  }

  private EmailAccount imap(String address) {
    return stored(EmailAccountBuilder.anImapAccount(user).address(address).build());
  }

  private void setStatus(EmailAccount account, AccountStatus status) {
    repositories.accounts().update(account.withStatus(status, null, clock.instant()));
  }

  private List<Job> queued() throws InterruptedException {
    return queue.fetch("inspect", Set.of(Job.DEFAULT_QUEUE), 100, Duration.ZERO).stream().map(Delivery::job).toList();
  }

  @Test
  void watchesTheAccountsASyncWouldRunFor() {
    EmailAccount active = imap("a@example.com");
    EmailAccount failing = imap("b@example.com");
    repositories.accounts().update(failing.syncFailed("timeout", clock.instant()));
    EmailAccount reauth = imap("c@example.com");
    setStatus(reauth, AccountStatus.NEEDS_REAUTH);
    EmailAccount disabled = imap("d@example.com");
    setStatus(disabled, AccountStatus.DISABLED);
    stored(EmailAccountBuilder.aGmailAccount(user).build());

    service.reconcile();
    service.reconcile();

    assertThat(watcher.watched()).containsExactlyInAnyOrder(active.id(), failing.id());
    assertThat(service.watches()).hasSize(2).containsValue(MailboxWatcher.State.WATCHING);
  }

  @Test
  void newMailQueuesTheAccountsSyncAtOnceUnforced() throws InterruptedException {
    EmailAccount account = imap("a@example.com");
    service.reconcile();

    watcher.deliver(account.id());
    watcher.deliver(account.id()); // while the first waits: the same job

    List<Job> jobs = queued();
    assertThat(jobs).singleElement().satisfies(job -> {
      assertThat(job.type()).isEqualTo(MailJobs.SYNC);
      assertThat(job.idempotencyKey()).isEqualTo(MailJobs.syncKey(account.id()));
      assertThat(job.payload()).isEqualTo(MailJobs.syncPayload(account.id(), false));
      assertThat(job.userId()).isEqualTo(user);
      assertThat(job.runAt()).isEqualTo(clock.instant());
    });
  }

  @Test
  void mailArrivingDuringARunningSyncQueuesAnotherOnceItEnded() throws InterruptedException {
    EmailAccount account = imap("a@example.com");
    service.reconcile();
    watcher.deliver(account.id());
    Delivery running = queue.fetch("worker", Set.of(Job.DEFAULT_QUEUE), 1, Duration.ZERO).get(0);

    watcher.deliver(account.id()); // the running sync may have looked already
    service.retryPending();
    assertThat(queued()).isEmpty(); // still running: nothing new yet

    queue.ack(running);
    service.retryPending();
    service.retryPending();

    assertThat(queued()).singleElement().satisfies(job -> {
      assertThat(job.id()).isNotEqualTo(running.job().id());
      assertThat(job.status()).isEqualTo(JobStatus.RUNNING); // as fetched by this test
    });
  }

  @Test
  void watchesEndWhenAccountsGoOrWaitForCredentialsAndStartForNewOnes() {
    EmailAccount deleted = imap("a@example.com");
    EmailAccount refused = imap("b@example.com");
    EmailAccount kept = imap("c@example.com");
    service.reconcile();

    repositories.accounts().delete(user, deleted.id());
    repositories.accounts().update(refused.credentialsRefused("bad password", clock.instant()));
    EmailAccount added = imap("d@example.com");
    service.reconcile();

    assertThat(watcher.watched()).containsExactlyInAnyOrder(kept.id(), added.id());
    assertThat(service.watches()).hasSize(2).containsValue(MailboxWatcher.State.WATCHING);
  }

  @Test
  void aWatchReconnectingFindsItsAccountGoneAndIsReplacedOnceItIsBack() {
    EmailAccount account = imap("a@example.com");
    service.reconcile();

    setStatus(account, AccountStatus.NEEDS_REAUTH);
    watcher.reconnect(account.id());
    assertThat(watcher.watched()).isEmpty();

    setStatus(account, AccountStatus.ACTIVE);
    service.reconcile();
    assertThat(watcher.watched()).containsExactly(account.id());
  }

  @Test
  void refreshingAnAccountStartsOrEndsItsWatchAtOnceWithoutTouchingTheOthers() {
    EmailAccount kept = imap("a@example.com");
    service.reconcile();
    EmailAccount added = imap("b@example.com");
    EmailAccount gmail = stored(EmailAccountBuilder.aGmailAccount(user).build());

    service.refresh(added.id());
    service.refresh(added.id()); // watching already: the same watch
    service.refresh(gmail.id());
    assertThat(watcher.watched()).containsExactlyInAnyOrder(kept.id(), added.id());
    assertThat(watcher.started()).isEqualTo(2);

    repositories.accounts().delete(user, added.id());
    service.refresh(added.id());
    assertThat(watcher.watched()).containsExactly(kept.id());
    assertThat(service.watches()).containsOnlyKeys(kept.id());
  }

  @Test
  void refreshingAReauthorizedAccountReplacesItsEndedWatchAndARefusedOneEndsIt() {
    EmailAccount account = imap("a@example.com");
    service.reconcile();
    setStatus(account, AccountStatus.NEEDS_REAUTH);
    watcher.reconnect(account.id()); // ended: the account waits for credentials

    setStatus(account, AccountStatus.ACTIVE);
    service.refresh(account.id());
    assertThat(watcher.watched()).containsExactly(account.id());
    assertThat(service.watches()).containsEntry(account.id(), MailboxWatcher.State.WATCHING);

    setStatus(account, AccountStatus.NEEDS_REAUTH);
    service.refresh(account.id());
    assertThat(watcher.watched()).isEmpty();
    assertThat(service.watches()).isEmpty();
  }

  @Test
  void closingEndsEveryWatchForGood() throws InterruptedException {
    EmailAccount account = imap("a@example.com");
    service.reconcile();

    service.close();
    service.reconcile();
    EmailAccount added = imap("b@example.com");
    service.reconcile();
    service.refresh(added.id());

    assertThat(watcher.watched()).isEmpty();
    assertThat(service.watches()).isEmpty();
    watcher.deliver(account.id());
    assertThat(queued()).isEmpty();
  }
}
