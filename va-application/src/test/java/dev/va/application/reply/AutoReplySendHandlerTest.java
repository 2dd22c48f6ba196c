package dev.va.application.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.RequestMeta;
import dev.va.application.job.JobRejectedException;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobPriority;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.OutboxStatus;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.user.User;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The send handler's state machine without a mail provider: these runs must never try to send (the world has no
 * provider, so a send attempt would leave the entry FAILED). Sending itself is tested against a real SMTP server in
 * va-bootstrap.
 */
class AutoReplySendHandlerTest {
  private final ReplyWorld world = new ReplyWorld();
  private final User user = world.user();
  private final EmailAccount account = world.account(user.id());
  private final ReplyTemplate template = world.template(user.id(), true);
  private final AutoReplyRule rule = world.autoReplyRule(user.id(), template);
  private final EmailMessage message = world.mail(account, "ann@clients.test");

  private OutboxEntry scheduled() {
    world.autoReplies.schedule(message, rule.id(), rule.version(), template.id().value());
    return world.repositories.outbox().findAutoReply(user.id(), rule.id(), message.id()).orElseThrow();
  }

  private OutboxEntry current(OutboxEntry entry) {
    return world.outbox.get(user.id(), entry.id());
  }

  @Test
  void aClaimLeftByAVanishedWorkerBecomesUncertainAndIsNeverSent() {
    OutboxEntry entry = scheduled();
    Job job = world.dueJobs().get(0);
    // a worker claimed the entry and died, perhaps after sending it
    world.repositories.outbox().claim(entry.id(), world.clock.instant().plus(ReplyWorld.LEASE),
        world.clock.instant());
    world.advance(ReplyWorld.LEASE);

    world.run(job);
    world.run(job);

    OutboxEntry uncertain = current(entry);
    assertThat(uncertain.status()).isEqualTo(OutboxStatus.UNCERTAIN);
    assertThat(uncertain.reason()).isEqualTo(AutoReplySendHandler.INTERRUPTED);
    assertThat(uncertain.attempts()).isEqualTo(1);
    assertThat(world.dueJobs()).isEmpty();
  }

  @Test
  void aLiveClaimIsLeftToItsWorkerAndLookedAtAgainWhenItsLeaseEnds() {
    OutboxEntry entry = scheduled();
    Job job = world.dueJobs().get(0);
    OutboxEntry claimed = world.repositories.outbox().claim(entry.id(),
        world.clock.instant().plus(ReplyWorld.LEASE), world.clock.instant()).orElseThrow();
    world.advance(Duration.ofMinutes(1));

    world.run(job);

    assertThat(current(entry)).isEqualTo(claimed);
    assertThat(world.dueJobs()).isEmpty();
    world.advance(Duration.ofMinutes(4));
    assertThat(world.dueJobs()).isEmpty();
    world.advance(AutoReplySendHandler.LEASE_MARGIN);
    List<Job> check = world.dueJobs();
    assertThat(check).singleElement().satisfies(j -> {
      assertThat(j.runAt()).isEqualTo(claimed.leaseUntil().plus(AutoReplySendHandler.LEASE_MARGIN));
      assertThat(j.idempotencyKey()).isEqualTo(entry.id() + ":lease:1:" + job.id());
    });
    world.run(check.get(0));
    assertThat(current(entry).status()).isEqualTo(OutboxStatus.UNCERTAIN);
  }

  @Test
  void aLookThatComesTooEarlyQueuesTheNextOneInsteadOfLosingTheClaim() {
    OutboxEntry entry = scheduled();
    world.dueJobs();
    OutboxEntry claimed = world.repositories.outbox().claim(entry.id(),
        world.clock.instant().plus(ReplyWorld.LEASE), world.clock.instant()).orElseThrow();
    // a look whose worker's clock is behind: it runs, by its clock, before the lease ends
    Job early = Job.create(user.id(), ReplyJobs.SEND, Job.DEFAULT_QUEUE, JobPriority.HIGH,
        "{\"outbox_id\":\"" + entry.id() + "\"}", 5, world.clock.instant(),
        entry.id() + ":lease:1:" + UUID.randomUUID(), world.clock.instant());

    world.run(early);

    assertThat(current(entry)).isEqualTo(claimed);
    world.advance(ReplyWorld.LEASE.plus(AutoReplySendHandler.LEASE_MARGIN));
    List<Job> next = world.dueJobs();
    assertThat(next).singleElement().satisfies(j -> assertThat(j.idempotencyKey()).endsWith(":" + early.id()));
    world.run(next.get(0));
    assertThat(current(entry).status()).isEqualTo(OutboxStatus.UNCERTAIN);
  }

  @Test
  void withoutItsAccountTheReplyFailsWithTheReason() {
    OutboxEntry entry = scheduled();
    world.repositories.accounts().delete(user.id(), account.id());

    world.run(world.dueJobs().get(0));

    OutboxEntry failed = current(entry);
    assertThat(failed.status()).isEqualTo(OutboxStatus.FAILED);
    assertThat(failed.reason()).isEqualTo("the mail account is no longer connected");
    assertThat(failed.attempts()).isEqualTo(1);
  }

  @Test
  void aSettledEntryIsLeftAlone() {
    OutboxEntry entry = scheduled();
    Job job = world.dueJobs().get(0);
    world.repositories.accounts().delete(user.id(), account.id());
    world.run(job);
    OutboxEntry failed = current(entry);

    world.run(job);

    assertThat(current(entry)).isEqualTo(failed);
  }

  @Test
  void onlyTheUserAsksForAnotherTryAndItUsesTheSameMessageId() {
    OutboxEntry entry = scheduled();
    world.repositories.outbox().claim(entry.id(), world.clock.instant().plus(ReplyWorld.LEASE),
        world.clock.instant());
    world.advance(ReplyWorld.LEASE);
    world.run(world.dueJobs().get(0));

    OutboxEntry requeued = world.outbox.resend(user.id(), entry.id(), RequestMeta.NONE);

    assertThat(requeued.status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(requeued.messageIdHeader()).isEqualTo(entry.messageIdHeader());
    assertThat(world.dueJobs()).singleElement()
        .satisfies(job -> assertThat(job.idempotencyKey()).isEqualTo(entry.id() + ":resend:1"));
  }

  @Test
  void aJobForAnEntryThatIsGoneOrAnotherUsersDoesNothing() {
    OutboxEntry entry = scheduled();
    Job job = world.dueJobs().get(0);
    User stranger = world.user();
    Job foreign = Job.create(stranger.id(), ReplyJobs.SEND, Job.DEFAULT_QUEUE, JobPriority.HIGH, job.payload(), 5,
        world.clock.instant(), null, world.clock.instant());

    world.run(foreign);

    assertThat(current(entry)).isEqualTo(entry);
  }

  @Test
  void anUnreadablePayloadIsRejectedForGood() {
    for (String payload : new String[] {"not json", "[]", "{}", "{\"outbox_id\": 7}",
        "{\"outbox_id\": \"not-a-uuid\"}"}) {
      Job job = Job.create(user.id(), ReplyJobs.SEND, Job.DEFAULT_QUEUE, JobPriority.HIGH, payload, 5,
          world.clock.instant(), null, world.clock.instant());
      assertThatThrownBy(() -> world.run(job)).as(payload).isInstanceOf(JobRejectedException.class);
    }
  }
}
