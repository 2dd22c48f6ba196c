package dev.va.application.reply;

import static dev.va.application.fixture.EmailAccountBuilder.anImapAccount;
import static dev.va.application.fixture.UserBuilder.aUser;

import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.fake.InMemoryJobQueue;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.SettableClock;
import dev.va.application.fixture.DeliveredJob;
import dev.va.application.port.in.RuleUseCases.CreateRuleCommand;
import dev.va.application.port.in.TemplateUseCases.CreateTemplateCommand;
import dev.va.application.port.out.JobQueue.Delivery;
import dev.va.application.port.out.ReplyWriter;
import dev.va.application.triage.TestMessages;
import dev.va.application.triage.classify.TriageModel;
import dev.va.application.triage.model.ClassifierModels;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The reply services over the in-memory fakes, with helpers to store users, mailboxes, mail, templates and rules. */
final class ReplyWorld {
  static final Instant START = Instant.parse("2025-06-02T09:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(5);

  final SettableClock clock = new SettableClock(START);
  final InMemoryRepositories repositories = new InMemoryRepositories();
  final InMemoryJobQueue queue = new InMemoryJobQueue(clock, Duration.ofSeconds(30));
  final AuditTrail audit = new AuditTrail(repositories.audit(), clock);
  final TemplateService templates = new TemplateService(repositories.templates(), audit, clock);
  final AutoReplyService autoReplies = new AutoReplyService(repositories.rules(), repositories.templates(),
      repositories.accounts(), repositories.users(), repositories.outbox(), queue, clock);
  /** The users' triage models, which previews classify untriaged mail with; the base is untrained. */
  final ClassifierModels models;
  final RuleService rules;
  /** Drafts without a language model. */
  final DraftService drafts = drafts(Optional.empty());
  final OutboxService outbox = new OutboxService(repositories.outbox(), queue, audit, clock);
  // no mail provider: a test that expects nothing to be sent fails loudly (FAILED) if the handler tries
  final AutoReplySendHandler sender = new AutoReplySendHandler(repositories.outbox(), repositories.accounts(),
      repositories.messages(), Map.of(), queue, audit, clock, LEASE);

  ReplyWorld() {
    this(TriageModel.untrained());
  }

  /** @param base the model every user starts from, as VA_CLASSIFIER_MODEL gives it */
  ReplyWorld(TriageModel base) {
    models = new ClassifierModels(base, repositories.models(), clock);
    rules = new RuleService(repositories.rules(), repositories.templates(), repositories.messages(),
        repositories.accounts(), repositories.users(), repositories.categories(), autoReplies, models::classifier,
        audit, clock);
  }

  /** The draft service with {@code writer} as its language model. */
  DraftService drafts(Optional<ReplyWriter> writer) {
    return new DraftService(repositories.drafts(), repositories.templates(), repositories.rules(),
        repositories.accounts(), repositories.outbox(), queue, writer, audit, clock);
  }

  User user() {
    User user = aUser().build();
    repositories.users().insert(user);
    return user;
  }

  EmailAccount account(UserId owner) {
    EmailAccount account = anImapAccount(owner).build();
    repositories.accounts().insert(account);
    return account;
  }

  /** A stored message to the account from {@code from}, which the policy lets an auto-reply answer. */
  EmailMessage mail(EmailAccount account, String from, String extraHeaders) {
    String address = from.contains("<") ? from.substring(from.indexOf('<') + 1, from.indexOf('>')) : from;
    EmailMessage parsed = TestMessages.parse("Return-Path: <" + address + ">\n"
        + "From: " + from + "\n"
        + "To: " + account.address().value() + "\n"
        + "Subject: Meeting next week\n"
        + "Date: Mon, 2 Jun 2025 08:00:00 +0000\n"
        + "Message-ID: <m-" + System.nanoTime() + "@clients.test>\n"
        + "References: <root@clients.test>\n"
        + extraHeaders
        + "\nHi, can we meet on Tuesday?\n");
    EmailMessage message = new EmailMessage(parsed.id(), account.id(), account.userId(), parsed.providerMessageId(),
        parsed.threadId(), parsed.messageIdHeader(), parsed.from(), parsed.to(), parsed.cc(), parsed.subject(),
        parsed.receivedAt(), parsed.headers(), parsed.bodyText(), parsed.attachments(), parsed.sizeBytes(),
        parsed.labels(), parsed.parseWarnings(), parsed.triage(), parsed.createdAt(), parsed.updatedAt());
    repositories.messages().insertIfAbsent(message);
    return message;
  }

  EmailMessage mail(EmailAccount account, String from) {
    return mail(account, from, "");
  }

  ReplyTemplate template(UserId owner, boolean approved) {
    ReplyTemplate template = templates.create(new CreateTemplateCommand(owner, "Away", null,
        "Hello {{sender_name}},\nI am away until Monday ({{subject}}).", RequestMeta.NONE));
    return approved ? templates.approve(owner, template.id(), null, RequestMeta.NONE) : template;
  }

  /** A rule that auto-replies with {@code template} to every message. */
  AutoReplyRule autoReplyRule(UserId owner, ReplyTemplate template) {
    return rules.create(new CreateRuleCommand(owner, "Away", 10, true, "{\"when\": {\"all\": []}, \"then\": "
        + "[{\"action\": \"auto_reply\", \"template\": \"" + template.id() + "\", \"period_days\": 3}]}",
        RequestMeta.NONE));
  }

  /** Every job due now, taken from the queue as a worker would take them. */
  List<Job> dueJobs() {
    try {
      return queue.fetch("test-worker", Set.of(Job.DEFAULT_QUEUE), 100, Duration.ZERO).stream()
          .map(Delivery::job).toList();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  void advance(Duration by) {
    clock.set(clock.instant().plus(by));
  }

  /** Runs the send handler on {@code job} as a worker would deliver it. */
  void run(Job job) {
    sender.handle(new DeliveredJob(job.status() == JobStatus.RUNNING ? job : job.started(clock.instant())));
  }
}
