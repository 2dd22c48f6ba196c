package dev.va.application.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.job.JobContext;
import dev.va.application.job.JobRejectedException;
import dev.va.application.port.out.MessageQuery;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.user.User;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MailSyncJobHandlerTest {
  private static final String ADA = "ada@example.com";

  private final MailWorld world = new MailWorld();
  private final MailSyncJobHandler handler = new MailSyncJobHandler(world.sync);
  private final User ada = world.user();

  /** The context a worker hands a delivered job; once-only effects are not used by sync. */
  private record Context(Job job) implements JobContext {
    @Override
    public String payload() {
      return job.payload();
    }

    @Override
    public void progress(int percent) {}

    @Override
    public boolean cancellationRequested() {
      return false;
    }

    @Override
    public boolean once(String effectKey, Runnable effect) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String once(String effectKey, Supplier<String> effect) {
      throw new UnsupportedOperationException();
    }
  }

  private void run(String payload) {
    handler.handle(new Context(Job.create(ada.id(), MailJobs.SYNC, Job.DEFAULT_QUEUE, JobPriority.NORMAL, payload,
        3, MailWorld.START, null, MailWorld.START).started(MailWorld.START)));
  }

  @Test
  void handles_mail_sync_jobs_by_syncing_the_named_account() {
    EmailAccount account = world.connected(ada, ADA);
    world.deliver(ADA, 1);

    assertThat(handler.type()).isEqualTo("mail.sync");
    run(MailJobs.syncPayload(account.id(), false));

    assertThat(world.repositories.messages().list(MessageQuery.all(ada.id(), 10)).items()).hasSize(1);
  }

  @Test
  void a_provider_failure_is_the_accounts_state_and_the_job_still_succeeds() {
    EmailAccount account = world.connected(ada, ADA);
    world.server.setUnreachable("imap.example.com", true);

    run(MailJobs.syncPayload(account.id(), false));

    assertThat(world.stored(account).status()).isEqualTo(AccountStatus.ERROR);
  }

  @Test
  void the_force_flag_of_the_payload_overrides_the_backoff() {
    EmailAccount account = world.connected(ada, ADA);
    world.server.setUnreachable("imap.example.com", true);
    run(MailJobs.syncPayload(account.id(), false));
    world.server.setUnreachable("imap.example.com", false);
    world.deliver(ADA, 1);
    world.advance(Duration.ofMinutes(1));

    run(MailJobs.syncPayload(account.id(), false));
    assertThat(world.stored(account).status()).isEqualTo(AccountStatus.ERROR);
    run(MailJobs.syncPayload(account.id(), true));
    assertThat(world.stored(account).status()).isEqualTo(AccountStatus.ACTIVE);
  }

  @Test
  void an_unreadable_payload_is_rejected_for_good() {
    for (String payload : new String[] {"not json", "[]", "{}", "{\"account_id\": 7}",
        "{\"account_id\": \"not-a-uuid\"}"}) {
      assertThatThrownBy(() -> run(payload)).as(payload).isInstanceOf(JobRejectedException.class);
    }
  }
}
