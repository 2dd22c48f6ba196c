package dev.va.application.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.va.application.ConflictException;
import dev.va.application.RequestMeta;
import dev.va.application.port.out.AutoReplyOutbox;
import dev.va.application.port.out.PageRequest;
import dev.va.application.triage.TriageContext.ReplyHistory;
import dev.va.domain.job.Job;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.OutboxStatus;
import dev.va.domain.reply.ReplyKind;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.reply.UnsentReply;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.User;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AutoReplyServiceTest {
  private final ReplyWorld world = new ReplyWorld();
  private final User user = world.user();
  private final EmailAccount account = world.account(user.id());
  private final ReplyTemplate template = world.template(user.id(), true);
  private final AutoReplyRule rule = world.autoReplyRule(user.id(), template);

  private void schedule(EmailMessage message) {
    world.autoReplies.schedule(message, rule.id(), rule.version(), template.id().value());
  }

  private OutboxEntry entryFor(EmailMessage message) {
    return world.repositories.outbox().findAutoReply(user.id(), rule.id(), message.id()).orElseThrow();
  }

  private List<OutboxEntry> allEntries() {
    return world.outbox.list(user.id(), null, PageRequest.first(100)).items();
  }

  @Test
  void anAllowedReplyIsWrittenFromTheTemplateAndItsSendQueuedOnce() {
    EmailMessage message = world.mail(account, "Ann Client <ann@clients.test>");

    schedule(message);
    schedule(message);
    world.autoReplies.schedule(message, rule.id(), rule.version(), template.id().value());

    OutboxEntry entry = entryFor(message);
    assertThat(allEntries()).containsExactly(entry);
    assertThat(entry.status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(entry.kind()).isEqualTo(ReplyKind.AUTO_REPLY);
    assertThat(entry.ruleVersion()).isEqualTo(rule.version());
    assertThat(entry.templateId()).isEqualTo(template.id());
    assertThat(entry.reply().recipient()).isEqualTo("ann@clients.test");
    assertThat(entry.reply().subject()).isEqualTo("Re: Meeting next week");
    assertThat(entry.reply().body()).isEqualTo("Hello Ann Client,\nI am away until Monday (Meeting next week).");
    assertThat(entry.reply().inReplyTo()).isEqualTo(message.messageIdHeader());
    assertThat(entry.reply().references()).containsExactly("<root@clients.test>", message.messageIdHeader());
    assertThat(entry.messageIdHeader()).matches("<[0-9a-f-]{36}@" + account.address().domain() + ">");
    List<Job> jobs = world.dueJobs();
    assertThat(jobs).singleElement().satisfies(job -> {
      assertThat(job.type()).isEqualTo(ReplyJobs.SEND);
      assertThat(job.userId()).isEqualTo(user.id());
      assertThat(job.idempotencyKey()).isEqualTo(entry.id().toString());
      assertThat(job.payload()).isEqualTo("{\"outbox_id\":\"" + entry.id() + "\"}");
    });
  }

  @Test
  void aTemplateThatIsNotApprovedSuppressesTheReply() {
    ReplyTemplate draft = world.template(user.id(), false);
    ReplyTemplate othersApproved = world.template(world.user().id(), true);
    EmailMessage first = world.mail(account, "ann@clients.test");
    EmailMessage second = world.mail(account, "bob@clients.test");

    world.autoReplies.schedule(first, rule.id(), rule.version(), draft.id().value());
    world.autoReplies.schedule(second, rule.id(), rule.version(), othersApproved.id().value());

    assertThat(List.of(entryFor(first), entryFor(second))).allSatisfy(entry -> {
      assertThat(entry.status()).isEqualTo(OutboxStatus.SUPPRESSED);
      assertThat(entry.reason()).isEqualTo("template not approved");
      assertThat(entry.reply()).isNull();
      assertThat(entry.subject()).isEqualTo("Re: Meeting next week");
    });
    assertThat(entryFor(first).recipient()).isEqualTo("ann@clients.test");
    assertThat(entryFor(second).recipient()).isEqualTo("bob@clients.test");
    assertThat(world.dueJobs()).isEmpty();
  }

  @Test
  void thePolicyIsAskedAgainAndItsRefusalRecorded() {
    EmailMessage bulk = world.mail(account, "news@clients.test", "Precedence: bulk\n");

    schedule(bulk);

    OutboxEntry entry = entryFor(bulk);
    assertThat(entry.status()).isEqualTo(OutboxStatus.SUPPRESSED);
    assertThat(entry.reason()).isEqualTo("Precedence: bulk");
    assertThat(entry.reply()).isNull();
    assertThat(entry.unsent()).isEqualTo(new UnsentReply("news@clients.test", "Re: Meeting next week"));
    assertThat(world.dueJobs()).isEmpty();
  }

  @Test
  void aMessageWithNoAddressToReplyToIsSuppressedWithItsSubjectAlone() {
    EmailMessage anonymous = world.mail(account, "Undisclosed sender");

    schedule(anonymous);

    OutboxEntry entry = entryFor(anonymous);
    assertThat(entry.status()).isEqualTo(OutboxStatus.SUPPRESSED);
    assertThat(entry.reason()).isEqualTo("no address to reply to");
    assertThat(entry.unsent()).isEqualTo(new UnsentReply(null, "Re: Meeting next week"));
  }

  @Test
  void aSenderAnsweredByAConcurrentScheduleIsSuppressedWithTheReplyItWouldHaveBeen() {
    schedule(world.mail(account, "ann@clients.test"));
    EmailMessage second = world.mail(account, "Ann <ANN@clients.test>");
    // as if another worker stored its reply to Ann after this one read the history
    AutoReplyOutbox outbox = world.repositories.outbox();
    AutoReplyOutbox staleHistory = (AutoReplyOutbox) Proxy.newProxyInstance(AutoReplyOutbox.class.getClassLoader(),
        new Class<?>[] {AutoReplyOutbox.class}, (proxy, method, args) -> method.getName().equals("lastAutoReplies")
            ? List.of() : method.invoke(outbox, args));
    AutoReplyService late = new AutoReplyService(world.repositories.rules(), world.repositories.templates(),
        world.repositories.accounts(), world.repositories.users(), staleHistory, world.queue, world.clock);

    late.schedule(second, rule.id(), rule.version(), template.id().value());

    OutboxEntry entry = entryFor(second);
    assertThat(entry.status()).isEqualTo(OutboxStatus.SUPPRESSED);
    assertThat(entry.reason()).isEqualTo("this sender already got an auto-reply from this rule within the period");
    assertThat(entry.reply()).isNull();
    assertThat(entry.unsent()).isEqualTo(new UnsentReply("ann@clients.test", "Re: Meeting next week"));
  }

  @Test
  void aSenderAnsweredWithinTheRulesPeriodIsNotAnsweredAgain() {
    EmailMessage first = world.mail(account, "ann@clients.test");
    EmailMessage second = world.mail(account, "Ann <ANN@clients.test>");
    schedule(first);
    world.advance(Duration.ofDays(2));

    schedule(second);

    assertThat(entryFor(second).status()).isEqualTo(OutboxStatus.SUPPRESSED);
    assertThat(entryFor(second).reason()).contains("already got an auto-reply from this rule").contains("3 days");
    world.advance(Duration.ofDays(2));
    EmailMessage third = world.mail(account, "ann@clients.test");
    schedule(third);
    assertThat(entryFor(third).status()).isEqualTo(OutboxStatus.PENDING);
  }

  @Test
  void aMessageGetsOneAutoReplyWhicheverRulesAsk() {
    AutoReplyRule another = world.autoReplyRule(user.id(), template);
    EmailMessage message = world.mail(account, "ann@clients.test");
    schedule(message);

    world.autoReplies.schedule(message, another.id(), another.version(), template.id().value());

    OutboxEntry second = world.repositories.outbox().findAutoReply(user.id(), another.id(), message.id())
        .orElseThrow();
    assertThat(second.status()).isEqualTo(OutboxStatus.SUPPRESSED);
    assertThat(second.reason()).isEqualTo("already auto-replied to this message");
  }

  @Test
  void anUnknownRuleVersionIsNeverAnswered() {
    EmailMessage message = world.mail(account, "ann@clients.test");

    world.autoReplies.schedule(message, rule.id(), rule.version() + 1, template.id().value());
    world.autoReplies.schedule(message, AutoReplyRuleId.random(), 1, template.id().value());

    assertThat(allEntries()).hasSize(2).allSatisfy(entry -> {
      assertThat(entry.status()).isEqualTo(OutboxStatus.SUPPRESSED);
      assertThat(entry.reason()).startsWith("rule version ").endsWith(" is unknown");
    });
  }

  @Test
  void aSuppressionTriageRecordedStandsAgainstALaterSchedule() {
    EmailMessage message = world.mail(account, "ann@clients.test");

    world.autoReplies.suppressed(message, rule.id(), rule.version(), template.id().value(), "classified as spam");
    schedule(message);

    assertThat(entryFor(message).status()).isEqualTo(OutboxStatus.SUPPRESSED);
    assertThat(entryFor(message).reason()).isEqualTo("classified as spam");
    assertThat(world.dueJobs()).isEmpty();
  }

  @Test
  void aSuppressionTriageRecordedKeepsWhereTheReplyWouldHaveGoneAndIsNeverSent() {
    EmailMessage message = world.mail(account, "Ann Client <ann@clients.test>",
        "Reply-To: Front Desk <Desk@Clients.test>\n");
    world.autoReplies.suppressed(message, rule.id(), rule.version(), template.id().value(), "classified as spam");
    OutboxEntry entry = entryFor(message);

    assertThat(entry.reply()).isNull();
    assertThat(entry.unsent()).isEqualTo(new UnsentReply("desk@clients.test", "Re: Meeting next week"));
    assertThatThrownBy(() -> world.outbox.resend(user.id(), entry.id(), RequestMeta.NONE))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("not_resendable"));
    assertThat(world.repositories.outbox().claim(entry.id(), world.clock.instant().plusSeconds(60),
        world.clock.instant())).isEmpty();
    assertThat(entryFor(message)).isEqualTo(entry);
    assertThat(world.dueJobs()).isEmpty();
  }

  @Test
  void aStillPendingEntryGetsItsSendQueuedAgainWhenScheduledAgain() throws Exception {
    EmailMessage message = world.mail(account, "ann@clients.test");
    schedule(message);
    // the first job ran and ended without sending (e.g. its worker stopped before claiming)
    world.queue.ack(world.queue.fetch("w", Set.of(Job.DEFAULT_QUEUE), 1, Duration.ZERO).get(0));

    schedule(message);

    assertThat(world.dueJobs()).singleElement()
        .satisfies(job -> assertThat(job.idempotencyKey()).isEqualTo(entryFor(message).id().toString()));
  }

  @Test
  void theHistoryAnswersPerRuleAndAddressWhateverItsCase() {
    EmailMessage message = world.mail(account, "Ann@Clients.test");
    schedule(message);

    ReplyHistory history = world.autoReplies.forUser(user.id());

    assertThat(history.lastAutoReply(rule.id(), "ann@clients.test")).contains(ReplyWorld.START);
    assertThat(history.lastAutoReply(rule.id(), "ANN@clients.test")).contains(ReplyWorld.START);
    assertThat(history.lastAutoReply(rule.id(), "bob@clients.test")).isEmpty();
    assertThat(history.lastAutoReply(AutoReplyRuleId.random(), "ann@clients.test")).isEmpty();
    assertThat(world.autoReplies.forUser(world.user().id()).lastAutoReply(rule.id(), "ann@clients.test")).isEmpty();
  }
}
