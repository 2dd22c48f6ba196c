package dev.va.application.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.mail.MailSyncService.Outcome;
import dev.va.application.mail.MailSyncService.Result;
import dev.va.application.port.out.MessageQuery;
import dev.va.domain.job.Job;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.user.User;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailSyncServiceTest {
  private static final String ADA = "ada@example.com";

  private final MailWorld world = new MailWorld();
  private final User ada = world.user();

  private Result sync(EmailAccount account) {
    return world.sync.sync(account.id(), false, () -> false);
  }

  private List<EmailMessage> stored(User user) {
    return world.repositories.messages().list(MessageQuery.all(user.id(), 200)).items();
  }

  @Test
  void new_messages_are_stored_once_and_each_queues_one_triage_job() {
    EmailAccount account = world.connected(ada, ADA);
    for (int n = 1; n <= 3; n++) world.deliver(ADA, n);

    Result first = sync(account);

    assertThat(first).isEqualTo(new Result(Outcome.SYNCED, 3, false));
    assertThat(stored(ada)).extracting(EmailMessage::subject)
        .containsExactlyInAnyOrder("message 1", "message 2", "message 3");
    List<Job> triage = world.queue.enqueued(MailJobs.TRIAGE);
    assertThat(triage).hasSize(3);
    EmailMessage one = stored(ada).stream().filter(m -> m.subject().equals("message 1")).findFirst().orElseThrow();
    Job job = triage.stream().filter(j -> j.idempotencyKey().equals("mail.triage:" + one.id())).findFirst()
        .orElseThrow();
    assertThat(job.payload())
        .isEqualTo("{\"message_id\":\"" + one.id() + "\",\"account_id\":\"" + account.id() + "\"}");
    assertThat(job.userId()).isEqualTo(ada.id());
    EmailAccount synced = world.stored(account);
    assertThat(synced.lastSyncAt()).isEqualTo(MailWorld.START);
    assertThat(synced.syncCursor()).isNotBlank();

    assertThat(sync(account)).isEqualTo(new Result(Outcome.SYNCED, 0, false));
    assertThat(stored(ada)).hasSize(3);
    assertThat(world.queue.enqueued(MailJobs.TRIAGE)).hasSize(3);

    world.deliver(ADA, 4);
    assertThat(sync(account).stored()).isEqualTo(1);
    assertThat(stored(ada)).hasSize(4);
    assertThat(world.queue.enqueued(MailJobs.TRIAGE)).hasSize(4);
  }

  @Test
  void a_batch_seen_again_stores_nothing_and_queues_triage_only_for_messages_left_untriaged() {
    EmailAccount account = world.connected(ada, ADA);
    world.deliver(ADA, 1);
    world.deliver(ADA, 2);
    sync(account);
    List<Job> firstJobs = world.queue.enqueued(MailJobs.TRIAGE);
    EmailAccount before = world.stored(account);
    // as if the run had died before saving its cursor: the provider hands the same messages again
    world.repositories.accounts().update(before.synced(null, world.clock.instant()));

    assertThat(sync(account).stored()).isZero();
    assertThat(world.queue.enqueued(MailJobs.TRIAGE)).isEqualTo(firstJobs);

    // triage ran for message 1 only; message 2's job died: a later pass queues message 2 again
    firstJobs.forEach(job -> world.queue.finish(job.id()));
    EmailMessage one = stored(ada).stream().filter(m -> m.subject().equals("message 1")).findFirst().orElseThrow();
    world.repositories.messages().update(one.withTriage(one.triage().classified(Category.PERSONAL, 0.9, false,
        List.of(), world.clock.instant()), world.clock.instant()));
    world.repositories.accounts().update(world.stored(account).synced(null, world.clock.instant()));

    sync(account);

    List<Job> all = world.queue.enqueued(MailJobs.TRIAGE);
    assertThat(all).hasSize(3);
    EmailMessage two = stored(ada).stream().filter(m -> m.subject().equals("message 2")).findFirst().orElseThrow();
    assertThat(all.get(2).idempotencyKey()).isEqualTo(MailJobs.triageKey(two));
    assertThat(stored(ada)).hasSize(2);
  }

  @Test
  void a_run_reads_a_bounded_number_of_batches_and_the_next_run_goes_on() {
    MailWorld small = new MailWorld(2, new MailSyncService.Settings(2, Duration.ofMinutes(5), Duration.ofHours(6)));
    User user = small.user();
    EmailAccount account = small.connected(user, ADA);
    for (int n = 1; n <= 5; n++) small.deliver(ADA, n);

    assertThat(small.sync.sync(account.id(), false, () -> false)).isEqualTo(new Result(Outcome.SYNCED, 4, true));
    assertThat(small.sync.sync(account.id(), false, () -> false)).isEqualTo(new Result(Outcome.SYNCED, 1, false));
    assertThat(small.repositories.messages().list(MessageQuery.all(user.id(), 200)).items()).hasSize(5);
  }

  @Test
  void a_cancelled_run_stops_after_the_batch_in_hand() {
    MailWorld small = new MailWorld(2, MailSyncService.Settings.defaults());
    User user = small.user();
    EmailAccount account = small.connected(user, ADA);
    for (int n = 1; n <= 5; n++) small.deliver(ADA, n);

    assertThat(small.sync.sync(account.id(), false, () -> true)).isEqualTo(new Result(Outcome.SYNCED, 2, true));
  }

  @Test
  void refused_credentials_need_reauth_and_leave_other_accounts_syncing() {
    EmailAccount broken = world.connected(ada, ADA);
    EmailAccount healthy = world.connected(ada, "ada@work.example.com");
    world.deliver(ADA, 1);
    world.deliver("ada@work.example.com", 2);
    world.server.changePassword(ADA, "changed-on-the-server");
    int told = world.changes.changed().size();

    assertThat(sync(broken).outcome()).isEqualTo(Outcome.CREDENTIALS_REFUSED);
    assertThat(sync(healthy)).isEqualTo(new Result(Outcome.SYNCED, 1, false));

    EmailAccount needsReauth = world.stored(broken);
    assertThat(needsReauth.status()).isEqualTo(AccountStatus.NEEDS_REAUTH);
    List<EmailAccountId> changed = world.changes.changed();
    assertThat(changed.subList(told, changed.size())).as("told, so its IDLE watch ends").containsExactly(broken.id());
    assertThat(needsReauth.lastError()).isEqualTo("the server refused the credentials");
    assertThat(world.stored(healthy).status()).isEqualTo(AccountStatus.ACTIVE);

    // scheduled syncs leave it alone (no login storm); a sync the user asks for tries again
    int connections = world.server.connections();
    world.advance(Duration.ofDays(1));
    assertThat(sync(broken).outcome()).isEqualTo(Outcome.AWAITING_CREDENTIALS);
    assertThat(world.server.connections()).isEqualTo(connections);
    world.server.changePassword(ADA, MailWorld.PASSWORD);
    assertThat(world.sync.sync(broken.id(), true, () -> false)).isEqualTo(new Result(Outcome.SYNCED, 1, false));
    assertThat(world.stored(broken).status()).isEqualTo(AccountStatus.ACTIVE);
  }

  @Test
  void failing_syncs_back_off_exponentially_and_a_success_clears_the_failures() {
    EmailAccount account = world.connected(ada, ADA);
    world.deliver(ADA, 1);
    world.server.setUnreachable("imap.example.com", true);

    assertThat(sync(account).outcome()).isEqualTo(Outcome.FAILED);
    EmailAccount failed = world.stored(account);
    assertThat(failed.status()).isEqualTo(AccountStatus.ERROR);
    assertThat(failed.lastError()).isEqualTo("cannot connect to imap.example.com:993");
    assertThat(failed.syncFailures()).isEqualTo(1);
    assertThat(failed.lastAttemptAt()).isEqualTo(MailWorld.START);
    assertThat(world.sync.retryNotBefore(failed)).contains(MailWorld.START.plus(Duration.ofMinutes(5)));

    int connections = world.server.connections();
    world.advance(Duration.ofMinutes(4));
    assertThat(sync(account).outcome()).isEqualTo(Outcome.BACKING_OFF);
    assertThat(world.server.connections()).isEqualTo(connections);

    world.advance(Duration.ofMinutes(1));
    assertThat(sync(account).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(world.stored(account).syncFailures()).isEqualTo(2);
    world.advance(Duration.ofMinutes(9));
    assertThat(sync(account).outcome()).isEqualTo(Outcome.BACKING_OFF);
    world.advance(Duration.ofMinutes(1));
    assertThat(sync(account).outcome()).isEqualTo(Outcome.FAILED);
    assertThat(world.stored(account).syncFailures()).isEqualTo(3);

    world.server.setUnreachable("imap.example.com", false);
    world.advance(Duration.ofMinutes(20));
    assertThat(sync(account)).isEqualTo(new Result(Outcome.SYNCED, 1, false));
    EmailAccount recovered = world.stored(account);
    assertThat(recovered.status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(recovered.syncFailures()).isZero();
    assertThat(recovered.lastError()).isNull();
    assertThat(world.sync.retryNotBefore(recovered)).isEmpty();
  }

  @Test
  void the_backoff_doubles_up_to_its_cap_and_a_forced_sync_ignores_it() {
    EmailAccount account = world.connected(ada, ADA);
    EmailAccount failing = world.stored(account);
    for (int n = 1; n <= 9; n++) failing = failing.syncFailed("down", MailWorld.START);

    assertThat(world.sync.retryNotBefore(failing)).contains(MailWorld.START.plus(Duration.ofHours(6)));
    EmailAccount third = world.stored(account).syncFailed("a", MailWorld.START).syncFailed("b", MailWorld.START)
        .syncFailed("c", MailWorld.START);
    assertThat(world.sync.retryNotBefore(third)).contains(MailWorld.START.plus(Duration.ofMinutes(20)));

    world.repositories.accounts().update(failing);
    assertThat(sync(account).outcome()).isEqualTo(Outcome.BACKING_OFF);
    assertThat(world.sync.sync(account.id(), true, () -> false).outcome()).isEqualTo(Outcome.SYNCED);
  }

  @Test
  void an_account_deleted_meanwhile_is_left_alone() {
    EmailAccount account = world.connected(ada, ADA);
    world.accounts.remove(ada.id(), account.id(), MailWorld.META);

    assertThat(sync(account)).isEqualTo(new Result(Outcome.GONE, 0, false));
  }
}
