package dev.va.bootstrap;

import static dev.va.application.fixture.EmailAccountBuilder.anImapAccount;
import static dev.va.application.fixture.UserBuilder.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.va.adapter.mail.MailSettings;
import dev.va.adapter.mail.imap.ImapAuth;
import dev.va.adapter.mail.imap.ImapMailProvider;
import dev.va.adapter.mail.mime.MimeIngest;
import dev.va.adapter.persistence.Database;
import dev.va.adapter.persistence.PostgresAuditEventRepository;
import dev.va.adapter.persistence.PostgresAutoReplyOutbox;
import dev.va.adapter.persistence.PostgresAutoReplyRuleRepository;
import dev.va.adapter.persistence.PostgresEmailAccountRepository;
import dev.va.adapter.persistence.PostgresEmailMessageRepository;
import dev.va.adapter.persistence.PostgresReplyTemplateRepository;
import dev.va.adapter.persistence.PostgresUserRepository;
import dev.va.adapter.queue.inprocess.InProcessJobQueue;
import dev.va.adapter.queue.inprocess.InProcessSideEffectLedger;
import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.fake.RecordingJobHistory;
import dev.va.application.fake.SettableClock;
import dev.va.application.fixture.DeliveredJob;
import dev.va.application.job.WorkerPool;
import dev.va.application.port.in.TemplateUseCases.CreateTemplateCommand;
import dev.va.application.port.out.JobQueue.Delivery;
import dev.va.application.port.out.MailProvider.OutgoingMessage;
import dev.va.application.port.out.MessageQuery;
import dev.va.application.port.out.PageRequest;
import dev.va.application.reply.AutoReplySendHandler;
import dev.va.application.reply.AutoReplyService;
import dev.va.application.reply.OutboxService;
import dev.va.application.reply.ReplyJobs;
import dev.va.application.reply.TemplateService;
import dev.va.application.triage.TestMessages;
import dev.va.application.triage.autoreply.AutoReplyBuilder;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobStatus;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.ServerEndpoint;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.OutboxStatus;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.user.User;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The auto-reply path end to end on real infrastructure: the outbox in PostgreSQL, the IMAP/SMTP provider sending
 * through GreenMail (a real SMTP server in the JVM), the in-process queue and the worker pool. However often the
 * reply is scheduled, its job run, or its workers race, the sender's mailbox gets exactly one reply; a send
 * interrupted by a crash is never repeated by itself.
 */
class AutoReplyEndToEndTest {
  private static final String ME = "me@example.com";
  private static final String PASSWORD = "correct-password";
  private static final String ANN = "ann@clients.test";
  private static final Duration LEASE = Duration.ofMinutes(5);

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(new ServerSetup[] {
      ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

  // PostgreSQL keeps microseconds: a finer clock would make stored leases differ from the ones computed
  private final SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
  private final InMemoryTokenCipher cipher = new InMemoryTokenCipher(List.of("key-1"));
  private final InProcessJobQueue queue = new InProcessJobQueue(clock, Duration.ofSeconds(30));
  private TestPostgres postgres;
  private PostgresAutoReplyOutbox outbox;
  private PostgresEmailMessageRepository messages;
  private PostgresAuditEventRepository auditEvents;
  private ImapMailProvider provider;
  private AutoReplyService autoReplies;
  private AutoReplySendHandler sender;
  private OutboxService outboxService;
  private User user;
  private EmailAccount account;
  private EmailMessage message;
  private AutoReplyRule rule;
  private ReplyTemplate template;

  @BeforeEach
  void setUp() {
    GREEN_MAIL.setUser(ME, ME, PASSWORD);
    postgres = new TestPostgres();
    Database database = postgres.database();
    PostgresUserRepository users = new PostgresUserRepository(database);
    PostgresEmailAccountRepository accounts = new PostgresEmailAccountRepository(database);
    PostgresAutoReplyRuleRepository rules = new PostgresAutoReplyRuleRepository(database);
    PostgresReplyTemplateRepository templates = new PostgresReplyTemplateRepository(database);
    messages = new PostgresEmailMessageRepository(database);
    outbox = new PostgresAutoReplyOutbox(database);
    auditEvents = new PostgresAuditEventRepository(database);
    AuditTrail audit = new AuditTrail(auditEvents, clock);
    MailSettings settings = MailSettings.defaults();
    provider = new ImapMailProvider(MailProviderType.IMAP, ImapAuth.PASSWORD, new MimeIngest(settings.mime()), cipher,
        settings, clock);
    autoReplies = new AutoReplyService(rules, templates, accounts, users, outbox, queue, clock);
    sender = new AutoReplySendHandler(outbox, accounts, messages, Map.of(MailProviderType.IMAP, provider), queue,
        audit, clock, LEASE);
    outboxService = new OutboxService(outbox, queue, audit, clock);

    user = aUser().build();
    users.insert(user);
    account = anImapAccount(user.id()).address(ME).servers(
        new ServerEndpoint("127.0.0.1", GREEN_MAIL.getImap().getPort(), ServerEndpoint.Security.NONE),
        new ServerEndpoint("127.0.0.1", GREEN_MAIL.getSmtp().getPort(), ServerEndpoint.Security.NONE), ME,
        cipher.encrypt(PASSWORD)).build();
    accounts.insert(account);
    TemplateService templateService = new TemplateService(templates, audit, clock);
    template = templateService.create(new CreateTemplateCommand(user.id(), "Away", null,
        "Hello {{sender_name}},\nI am away until Monday.", RequestMeta.NONE));
    template = templateService.approve(user.id(), template.id(), null, RequestMeta.NONE);
    rule = AutoReplyRule.create(user.id(), "Away", 1, "{\"when\": {\"all\": []}, \"then\": [{\"action\": "
        + "\"auto_reply\", \"template\": \"" + template.id() + "\"}]}", clock.instant());
    rules.insert(rule);
    message = stored(TestMessages.parse("Return-Path: <" + ANN + ">\n"
        + "From: Ann Client <" + ANN + ">\n"
        + "To: Me <" + ME + ">\n"
        + "Subject: Meeting next week\n"
        + "Date: Mon, 2 Jun 2025 08:00:00 +0000\n"
        + "Message-ID: <m1@clients.test>\n"
        + "References: <root@clients.test>\n"
        + "\nCan we meet on Tuesday?\n"));
  }

  @AfterEach
  void tearDown() {
    postgres.close();
  }

  private EmailMessage stored(EmailMessage parsed) {
    EmailMessage m = new EmailMessage(parsed.id(), account.id(), user.id(), parsed.providerMessageId(),
        parsed.threadId(), parsed.messageIdHeader(), parsed.from(), parsed.to(), parsed.cc(), parsed.subject(),
        parsed.receivedAt(), parsed.headers(), parsed.bodyText(), parsed.attachments(), parsed.sizeBytes(),
        parsed.labels(), parsed.parseWarnings(), parsed.triage(), parsed.createdAt(), parsed.updatedAt());
    messages.insertIfAbsent(m);
    return m;
  }

  private void schedule() {
    autoReplies.schedule(message, rule.id(), rule.version(), template.id().value());
  }

  private OutboxEntry entry() {
    return outbox.findAutoReply(user.id(), rule.id(), message.id()).orElseThrow();
  }

  /** What reached Ann: her inbox only, since the sender's Sent folder keeps a copy of each reply too. */
  private List<MimeMessage> repliesToAnn() throws Exception {
    GreenMailUser ann = GREEN_MAIL.getUserManager().getUserByEmail(ANN);
    List<MimeMessage> replies = new ArrayList<>();
    if (ann == null) return replies;
    for (StoredMessage stored : GREEN_MAIL.getManagers().getImapHostManager().getInbox(ann).getMessages()) {
      replies.add(stored.getMimeMessage());
    }
    return replies;
  }

  private List<Job> dueJobs() throws InterruptedException {
    return queue.fetch("test", Set.of(Job.DEFAULT_QUEUE), 10, Duration.ZERO).stream().map(Delivery::job).toList();
  }

  private static long succeeded(RecordingJobHistory history) {
    return history.all().stream().filter(job -> job.status() == JobStatus.SUCCEEDED).count();
  }

  private static void await(Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.call()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 20 s");
      Thread.sleep(20);
    }
  }

  @Test
  void schedulingTwiceAndRunningTheSendJobTwiceDeliversExactlyOneMarkedReply() throws Exception {
    RecordingJobHistory history = new RecordingJobHistory();
    schedule();
    schedule();
    OutboxEntry scheduled = entry();
    assertThat(outbox.list(user.id(), null, PageRequest.first(10)).items()).hasSize(1);

    try (WorkerPool pool = new WorkerPool(queue, new InProcessSideEffectLedger(clock, Duration.ofHours(1)), history,
        List.of(sender), clock, WorkerPool.Settings.of("e2e", 2, Set.of(Job.DEFAULT_QUEUE)))) {
      pool.start();
      await(() -> succeeded(history) == 1);
      assertThat(entry().status()).isEqualTo(OutboxStatus.SENT);
      // the send job runs again (as a retry or a second delivery would) and triage schedules the reply again
      ReplyJobs.enqueueSend(queue, scheduled, clock.instant());
      schedule();
      await(() -> succeeded(history) == 2);
    }

    List<MimeMessage> replies = repliesToAnn();
    assertThat(replies).hasSize(1);
    MimeMessage reply = replies.get(0);
    assertThat(reply.getSubject()).isEqualTo("Re: Meeting next week");
    assertThat(reply.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
    assertThat(reply.getHeader("Precedence", null)).isEqualTo("bulk");
    assertThat(reply.getHeader("X-Auto-Response-Suppress", null)).isEqualTo("All");
    assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo("<m1@clients.test>");
    assertThat(reply.getHeader("References", null).replaceAll("\\s+", " "))
        .isEqualTo("<root@clients.test> <m1@clients.test>");
    assertThat(reply.getMessageID()).isEqualTo(scheduled.messageIdHeader());
    assertThat(reply.getFrom()[0].toString()).contains(ME);
    assertThat(((String) reply.getContent()).replace("\r\n", "\n").strip())
        .isEqualTo("Hello Ann Client,\nI am away until Monday.");
    OutboxEntry sent = entry();
    assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
    assertThat(sent.attempts()).isEqualTo(1);
    assertThat(messages.findById(user.id(), message.id()).orElseThrow().triage().autoReplySent()).isTrue();
    assertThat(auditEvents.listByActor(user.id(), PageRequest.first(50)).items())
        .filteredOn(e -> e.action().equals("autoreply.sent")).singleElement()
        .satisfies(e -> assertThat(e.targetId()).isEqualTo(sent.id().toString()));
  }

  @Test
  void workersRacingForTheSameReplySendItOnce() throws Exception {
    schedule();
    Job job = dueJobs().get(0).started(clock.instant());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(pool.submit(() -> {
          start.await();
          sender.handle(new DeliveredJob(job));
          return null;
        }));
      }
      start.countDown();
      for (Future<?> run : runs) run.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    await(() -> entry().status() == OutboxStatus.SENT);
    assertThat(repliesToAnn()).hasSize(1);
    assertThat(entry().attempts()).isEqualTo(1);
  }

  @Test
  void aSendCutShortByACrashIsNeverRepeatedByItselfOnlyByTheUser() throws Exception {
    schedule();
    Job job = dueJobs().get(0).started(clock.instant());
    // a worker claims the reply, sends it, and dies before recording the send
    OutboxEntry claimed = outbox.claim(entry().id(), clock.instant().plus(LEASE), clock.instant()).orElseThrow();
    provider.send(account, new OutgoingMessage(null, List.of(claimed.reply().recipient()), List.of(),
        claimed.reply().subject(), claimed.reply().body(), claimed.reply().inReplyTo(), claimed.reply().references(),
        AutoReplyBuilder.AUTOMATIC_HEADERS, claimed.messageIdHeader()));
    assertThat(repliesToAnn()).hasSize(1);

    // the job comes back while the lease still runs: it leaves the reply to its worker
    sender.handle(new DeliveredJob(job));
    assertThat(entry().status()).isEqualTo(OutboxStatus.SENDING);
    // and once the lease has run out it gives the reply up as uncertain, however often it runs
    clock.set(clock.instant().plus(LEASE));
    sender.handle(new DeliveredJob(job));
    sender.handle(new DeliveredJob(job));
    schedule();

    assertThat(entry().status()).isEqualTo(OutboxStatus.UNCERTAIN);
    assertThat(repliesToAnn()).hasSize(1);

    // the user, having checked, sends it again by hand: same Message-ID, so a copy can be recognised
    outboxService.resend(user.id(), entry().id(), RequestMeta.NONE);
    for (Job resend : dueJobs()) sender.handle(new DeliveredJob(resend.started(clock.instant())));
    await(() -> repliesToAnn().size() == 2);
    assertThat(entry().status()).isEqualTo(OutboxStatus.SENT);
    assertThat(repliesToAnn()).extracting(MimeMessage::getMessageID).containsOnly(claimed.messageIdHeader());
  }

  @Test
  void theHistoryOfSentRepliesKeepsTheSenderFromASecondReplyWithinThePeriod() throws Exception {
    schedule();
    sender.handle(new DeliveredJob(dueJobs().get(0).started(clock.instant())));
    EmailMessage second = stored(TestMessages.parse("Return-Path: <" + ANN + ">\nFrom: " + ANN + "\nTo: " + ME
        + "\nSubject: Another thing\nMessage-ID: <m2@clients.test>\n\nAnd one more.\n"));
    assertThat(messages.list(MessageQuery.all(user.id(), 10)).items()).hasSize(2);

    autoReplies.schedule(second, rule.id(), rule.version(), template.id().value());

    OutboxEntry suppressed = outbox.findAutoReply(user.id(), rule.id(), second.id()).orElseThrow();
    assertThat(suppressed.status()).isEqualTo(OutboxStatus.SUPPRESSED);
    assertThat(suppressed.reason()).contains("already got an auto-reply from this rule");
    assertThat(autoReplies.forUser(user.id()).lastAutoReply(rule.id(), ANN)).contains(entry().sentAt());
    assertThat(repliesToAnn()).hasSize(1);
  }
}
