package dev.va.adapter.web;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.va.adapter.web.identity.IdentityWebModule;
import dev.va.adapter.web.jobs.JobsWebModule;
import dev.va.adapter.web.mail.MailWebModule;
import dev.va.adapter.web.replies.RepliesWebModule;
import dev.va.adapter.web.triage.TriageWebModule;
import dev.va.application.audit.AuditTrail;
import dev.va.application.auth.AuthService;
import dev.va.application.auth.LoginThrottle;
import dev.va.application.fake.InMemoryAccessTokens;
import dev.va.application.fake.InMemoryFileStorage;
import dev.va.application.fake.InMemoryJobQueue;
import dev.va.application.fake.InMemoryMailAuthorization;
import dev.va.application.fake.InMemoryMailProvider;
import dev.va.application.fake.InMemoryNonceStore;
import dev.va.application.fake.InMemoryPasswordHasher;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.InMemorySecureTokens;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.fake.OnceJobContext;
import dev.va.application.fake.RecordingWebhookSender;
import dev.va.application.fake.ScriptedReplyWriter;
import dev.va.application.triage.job.TriageJobHandler;
import dev.va.application.triage.job.TriagePayload;
import dev.va.domain.mail.EmailMessage;
import java.util.Optional;
import dev.va.application.fake.ScanningScheduleCalculator;
import dev.va.application.job.JobService;
import dev.va.application.mail.ConnectOAuthAccount;
import dev.va.application.mail.MailAccountService;
import dev.va.application.mail.MailMessageService;
import dev.va.application.fake.SettableClock;
import dev.va.application.oauth.OAuthStateService;
import dev.va.application.port.in.AuthUseCases;
import dev.va.application.port.in.CategoryUseCases;
import dev.va.application.port.in.CheckReadinessUseCase;
import dev.va.application.port.in.DraftUseCases;
import dev.va.application.port.in.OutboxUseCases;
import dev.va.application.port.in.RuleUseCases;
import dev.va.application.port.in.TemplateUseCases;
import dev.va.application.port.in.JobUseCases;
import dev.va.application.port.in.MailUseCases;
import dev.va.application.port.in.PrivacyUseCases;
import dev.va.application.port.in.ScheduledTaskUseCases;
import dev.va.application.port.in.TriageUseCases;
import dev.va.application.port.out.AuditEventRepository;
import dev.va.application.port.out.AutoReplyOutbox;
import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.DataAnalysisJobRepository;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.FileStorage;
import dev.va.application.port.out.JobQuery;
import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.MailAccountChanges;
import dev.va.application.port.out.MailAuthorization;
import dev.va.application.port.out.MessageQuery;
import dev.va.application.port.out.PageRequest;
import dev.va.application.port.out.RefreshTokenRepository;
import dev.va.application.port.out.ReplyDraftRepository;
import dev.va.application.port.out.ReplyTemplateRepository;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.SecureTokens;
import dev.va.application.port.out.TokenCipher;
import dev.va.application.port.out.UserCategoryRepository;
import dev.va.application.port.out.UserRepository;
import dev.va.application.privacy.PrivacyService;
import dev.va.application.reply.AutoReplyService;
import dev.va.application.reply.DraftService;
import dev.va.application.reply.OutboxService;
import dev.va.application.reply.RuleService;
import dev.va.application.reply.TemplateService;
import dev.va.application.schedule.ScheduledTaskService;
import dev.va.application.service.ReadinessService;
import dev.va.application.triage.category.CategoryService;
import dev.va.application.triage.classify.TriageModel;
import dev.va.application.triage.model.ClassificationCorrections;
import dev.va.application.triage.model.ClassifierModels;
import dev.va.domain.job.Job;
import dev.va.domain.job.JobId;
import dev.va.domain.job.JobStatus;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The web adapter wired as in production, with every feature module of the API ({@link #features()}), over the real
 * application services running on in-memory fakes. A new feature module must be added to {@link #features()}:
 * until it is, OpenApiCoverageTest fails (its documented routes are not registered), and once it is, the isolation
 * walk covers its routes.
 */
public final class TestApplication {
  public static final Instant START = Instant.parse("2025-06-01T08:00:00Z");
  private static final Duration ACCESS_LIFETIME = Duration.ofMinutes(15);
  private static final Duration REFRESH_LIFETIME = Duration.ofDays(30);
  /** Failed password checks per account before the throttle locks it (1 s, then doubling). */
  private static final int FREE_LOGIN_FAILURES = 3;
  /** The job types with a handler: tasks may enqueue only these. */
  public static final Set<String> JOB_TYPES = Set.of("mail.digest", "mail.sync", "report.send");
  public static final Duration HEARTBEAT_TTL = Duration.ofSeconds(30);
  private static final byte[] ACCESS_TOKEN_KEY = "an-access-token-key-of-32-bytes!".getBytes(StandardCharsets.UTF_8);
  /** What the scripted language model writes for every draft it is asked for. */
  public static final String LLM_DRAFT = "Thanks for your message. Tuesday works for me.";
  private static final byte[] OAUTH_STATE_KEY = "an-oauth-state-key-of-32-bytes!!".getBytes(StandardCharsets.UTF_8);

  private final SettableClock clock = new SettableClock(START);
  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final InMemoryPasswordHasher hasher = new InMemoryPasswordHasher(1);
  private final InMemoryAccessTokens accessTokens = new InMemoryAccessTokens(ACCESS_TOKEN_KEY, ACCESS_LIFETIME, clock);
  private final InMemorySecureTokens secureTokens = new InMemorySecureTokens();
  private final InMemoryTokenCipher cipher = new InMemoryTokenCipher(List.of("k1"));
  private final InMemoryFileStorage files = new InMemoryFileStorage();
  /** The mail server behind every connected account; tests create its mailboxes. */
  private final InMemoryMailProvider mailServer = new InMemoryMailProvider(MailProviderType.IMAP, cipher, clock, 100);
  private final InMemoryJobQueue queue = new InMemoryJobQueue(clock, HEARTBEAT_TTL);
  /** The OAuth providers (Google, Microsoft) whose clients are configured; tests consent on their pages. */
  private final InMemoryMailAuthorization mailAuthorization;
  private final AuthService auth;
  private final PrivacyService privacy;
  private final ScheduledTaskService tasks;
  private final JobService jobs;
  private final MailAccountService mailAccounts;
  private final MailMessageService mailMessages;
  private final ClassificationCorrections classifications;
  private final CategoryService categories;
  private final TemplateService templates;
  private final AutoReplyService autoReplies;
  private final RuleService rules;
  private final DraftService drafts;
  private final OutboxService outbox;
  private final ConnectOAuthAccount oauthAccounts;
  /** The language model that writes drafts a rule asks it for; it answers every message with this text. */
  private final ScriptedReplyWriter replyWriter = ScriptedReplyWriter.answering(LLM_DRAFT);
  /** Triage of synced mail (no route reaches it), with the effects it already performed. */
  private final TriageJobHandler triage;
  private final OnceJobContext.Ledger triageEffects = new OnceJobContext.Ledger();

  /** With OAuth clients for Gmail and Outlook. */
  public TestApplication() {
    this(Set.of(MailProviderType.GMAIL, MailProviderType.OUTLOOK));
  }

  /** With OAuth clients for {@code oauthProviders} only. */
  public TestApplication(Set<MailProviderType> oauthProviders) {
    mailAuthorization = new InMemoryMailAuthorization(oauthProviders);
    AuditTrail audit = new AuditTrail(repositories.audit(), clock);
    // one account throttle for every password check, as in production
    LoginThrottle accountThrottle =
        new LoginThrottle(clock, FREE_LOGIN_FAILURES, Duration.ofMinutes(15), Duration.ofMinutes(15));
    // every test client calls from 127.0.0.1: the per-address throttle must not trip before the per-account one
    auth = new AuthService(repositories.users(), repositories.refreshTokens(), hasher, accessTokens, secureTokens,
        audit, accountThrottle, new LoginThrottle(clock, 1_000, Duration.ofMinutes(15), Duration.ofMinutes(15)),
        clock, REFRESH_LIFETIME);
    privacy = new PrivacyService(repositories.users(), repositories.accounts(), repositories.messages(),
        repositories.rules(), repositories.tasks(), repositories.jobs(), repositories.analyses(),
        repositories.audit(), repositories.refreshTokens(), repositories.categories(), queue, files, hasher,
        accountThrottle, audit, MailAccountChanges.NONE, clock);
    tasks = new ScheduledTaskService(repositories.tasks(), new ScanningScheduleCalculator(), JOB_TYPES, clock);
    jobs = new JobService(repositories.jobs(), queue, clock);
    mailAccounts = new MailAccountService(repositories.accounts(), repositories.tasks(), queue,
        Map.of(MailProviderType.IMAP, mailServer), cipher, audit, MailAccountChanges.NONE, clock,
        MailAccountService.DEFAULT_SYNC_INTERVAL);
    mailMessages = new MailMessageService(repositories.messages());
    ClassifierModels models = new ClassifierModels(TriageModel.untrained(), repositories.models(), clock);
    classifications = new ClassificationCorrections(repositories.messages(), models, repositories.categories(),
        clock);
    categories = new CategoryService(repositories.categories(), models, audit, clock);
    templates = new TemplateService(repositories.templates(), audit, clock);
    autoReplies = new AutoReplyService(repositories.rules(), repositories.templates(), repositories.accounts(),
        repositories.users(), repositories.outbox(), queue, clock);
    // previews classify mail triage has not seen with the user's models, as triage would
    rules = new RuleService(repositories.rules(), repositories.templates(), repositories.messages(),
        repositories.accounts(), repositories.users(), repositories.categories(), autoReplies, models::classifier,
        audit, clock);
    drafts = new DraftService(repositories.drafts(), repositories.templates(), repositories.rules(),
        repositories.accounts(), repositories.outbox(), queue, Optional.of(replyWriter), audit, clock);
    triage = new TriageJobHandler(repositories.messages(), repositories.accounts(), repositories.rules(),
        repositories.users(), repositories.categories(), Map.of(MailProviderType.IMAP, mailServer), models, TriageJobHandler.Llm.none(),
        new TriageJobHandler.Replies(Optional.of(autoReplies), Optional.of(autoReplies), Optional.of(drafts),
            Optional.of(autoReplies)), new RecordingWebhookSender(), clock);
    outbox = new OutboxService(repositories.outbox(), queue, audit, clock);
    OAuthStateService states = new OAuthStateService(OAUTH_STATE_KEY, new InMemoryNonceStore(clock), secureTokens,
        clock, OAuthStateService.DEFAULT_TTL);
    oauthAccounts = new ConnectOAuthAccount(repositories.accounts(), repositories.tasks(), queue,
        repositories.users(), mailAuthorization, states, audit, MailAccountChanges.NONE, clock,
        MailAccountService.DEFAULT_SYNC_INTERVAL);
  }

  /** The feature modules of the web adapter, as the server composes them. */
  public static List<Module> features() {
    return List.of(new IdentityWebModule(), new JobsWebModule(), new MailWebModule(), new TriageWebModule(),
        new RepliesWebModule());
  }

  /** The production wiring plus {@code extra} modules (e.g. a sample feature). */
  public Injector injector(Module... extra) {
    List<Module> modules = new ArrayList<>(features());
    modules.add(new WebModule(WebSettings.localEphemeral()));
    modules.add(useCases());
    modules.add(ports());
    modules.addAll(Arrays.asList(extra));
    return Guice.createInjector(modules);
  }

  /** A started server with {@code extra} modules; closing the harness stops it. */
  public ApiHarness start(Module... extra) {
    Injector injector = injector(extra);
    WebServer server = injector.getInstance(WebServer.class);
    server.start();
    return new Running(injector, server);
  }

  /** A started server for tests that talk to it directly rather than through an {@link ApiHarness}. */
  public WebServer startServer(Module... extra) {
    WebServer server = injector(extra).getInstance(WebServer.class);
    server.start();
    return server;
  }

  public InMemoryRepositories repositories() {
    return repositories;
  }

  public InMemoryJobQueue queue() {
    return queue;
  }

  /** The queue the reply use cases put their send jobs in (the one every use case here shares). */
  public InMemoryJobQueue jobs() {
    return queue;
  }

  /** The services behind triage's side of replies, which no route reaches. */
  public AutoReplyService autoReplies() {
    return autoReplies;
  }

  public DraftService drafts() {
    return drafts;
  }

  /** Runs the triage job on a stored message, as a worker would; effects done by earlier runs are not repeated. */
  public void triage(EmailMessage message) {
    triage.handle(new OnceJobContext(triageEffects, TriageJobHandler.TYPE,
        new TriagePayload(message.id(), message.accountId()).toJson()));
  }

  public InMemoryMailProvider mailServer() {
    return mailServer;
  }

  public InMemoryMailAuthorization mailAuthorization() {
    return mailAuthorization;
  }

  public InMemoryTokenCipher cipher() {
    return cipher;
  }

  public SettableClock clock() {
    return clock;
  }

  public Instant advance(Duration by) {
    clock.set(clock.instant().plus(by));
    return clock.instant();
  }

  /** Binds every use case the web adapter calls to the services above. */
  private Module useCases() {
    return binder -> {
      binder.bind(Clock.class).toInstance(clock);
      binder.bind(CheckReadinessUseCase.class).toInstance(new ReadinessService(List.of()));
      binder.bind(AuthUseCases.RegisterUser.class).toInstance(auth);
      binder.bind(AuthUseCases.Login.class).toInstance(auth);
      binder.bind(AuthUseCases.RefreshSession.class).toInstance(auth);
      binder.bind(AuthUseCases.Logout.class).toInstance(auth);
      binder.bind(AuthUseCases.Authenticate.class).toInstance(auth);
      binder.bind(AuthUseCases.GetProfile.class).toInstance(auth);
      binder.bind(AuthUseCases.UpdateProfile.class).toInstance(auth);
      binder.bind(PrivacyUseCases.ListAuditEvents.class).toInstance(privacy);
      binder.bind(PrivacyUseCases.ExportUserData.class).toInstance(privacy);
      binder.bind(PrivacyUseCases.DeleteAccount.class).toInstance(privacy);
      binder.bind(ScheduledTaskUseCases.CreateTask.class).toInstance(tasks);
      binder.bind(ScheduledTaskUseCases.ListTasks.class).toInstance(tasks);
      binder.bind(ScheduledTaskUseCases.GetTask.class).toInstance(tasks);
      binder.bind(ScheduledTaskUseCases.UpdateTask.class).toInstance(tasks);
      binder.bind(ScheduledTaskUseCases.DeleteTask.class).toInstance(tasks);
      binder.bind(ScheduledTaskUseCases.PauseTask.class).toInstance(tasks);
      binder.bind(ScheduledTaskUseCases.ResumeTask.class).toInstance(tasks);
      binder.bind(ScheduledTaskUseCases.PreviewFireTimes.class).toInstance(tasks);
      binder.bind(JobUseCases.ListJobs.class).toInstance(jobs);
      binder.bind(JobUseCases.GetJob.class).toInstance(jobs);
      binder.bind(JobUseCases.RetryJob.class).toInstance(jobs);
      binder.bind(JobUseCases.CancelJob.class).toInstance(jobs);
      binder.bind(MailUseCases.ConnectImapAccount.class).toInstance(mailAccounts);
      binder.bind(MailUseCases.StartOAuthConnection.class).toInstance(oauthAccounts);
      binder.bind(MailUseCases.CompleteOAuthConnection.class).toInstance(oauthAccounts);
      binder.bind(MailUseCases.ListAccounts.class).toInstance(mailAccounts);
      binder.bind(MailUseCases.GetAccount.class).toInstance(mailAccounts);
      binder.bind(MailUseCases.RemoveAccount.class).toInstance(mailAccounts);
      binder.bind(MailUseCases.SyncAccountNow.class).toInstance(mailAccounts);
      binder.bind(MailUseCases.ListMessages.class).toInstance(mailMessages);
      binder.bind(MailUseCases.ListProcessedMessages.class).toInstance(mailMessages);
      binder.bind(MailUseCases.GetMessage.class).toInstance(mailMessages);
      binder.bind(TriageUseCases.CorrectClassification.class).toInstance(classifications);
      binder.bind(TriageUseCases.ExplainTriage.class).toInstance(classifications);
      binder.bind(CategoryUseCases.CreateCategory.class).toInstance(categories);
      binder.bind(CategoryUseCases.ListCategories.class).toInstance(categories);
      binder.bind(CategoryUseCases.GetCategory.class).toInstance(categories);
      binder.bind(CategoryUseCases.DescribeCategory.class).toInstance(categories);
      binder.bind(CategoryUseCases.DeleteCategory.class).toInstance(categories);
      binder.bind(RuleUseCases.CreateRule.class).toInstance(rules);
      binder.bind(RuleUseCases.ListRules.class).toInstance(rules);
      binder.bind(RuleUseCases.GetRule.class).toInstance(rules);
      binder.bind(RuleUseCases.UpdateRule.class).toInstance(rules);
      binder.bind(RuleUseCases.DeleteRule.class).toInstance(rules);
      binder.bind(RuleUseCases.ListRuleVersions.class).toInstance(rules);
      binder.bind(RuleUseCases.PreviewRule.class).toInstance(rules);
      binder.bind(TemplateUseCases.CreateTemplate.class).toInstance(templates);
      binder.bind(TemplateUseCases.ListTemplates.class).toInstance(templates);
      binder.bind(TemplateUseCases.GetTemplate.class).toInstance(templates);
      binder.bind(TemplateUseCases.ReplaceTemplate.class).toInstance(templates);
      binder.bind(TemplateUseCases.DeleteTemplate.class).toInstance(templates);
      binder.bind(TemplateUseCases.ApproveTemplate.class).toInstance(templates);
      binder.bind(DraftUseCases.ListDrafts.class).toInstance(drafts);
      binder.bind(DraftUseCases.GetDraft.class).toInstance(drafts);
      binder.bind(DraftUseCases.EditDraft.class).toInstance(drafts);
      binder.bind(DraftUseCases.ApproveDraft.class).toInstance(drafts);
      binder.bind(DraftUseCases.RejectDraft.class).toInstance(drafts);
      binder.bind(OutboxUseCases.ListOutbox.class).toInstance(outbox);
      binder.bind(OutboxUseCases.GetOutboxEntry.class).toInstance(outbox);
      binder.bind(OutboxUseCases.ResendOutboxEntry.class).toInstance(outbox);
    };
  }

  /** The fakes behind the services, bound to their ports so tests reach them as they reach the real adapters. */
  private Module ports() {
    return binder -> {
      binder.bind(UserRepository.class).toInstance(repositories.users());
      binder.bind(EmailAccountRepository.class).toInstance(repositories.accounts());
      binder.bind(EmailMessageRepository.class).toInstance(repositories.messages());
      binder.bind(AutoReplyRuleRepository.class).toInstance(repositories.rules());
      binder.bind(ScheduledTaskRepository.class).toInstance(repositories.tasks());
      binder.bind(JobRepository.class).toInstance(repositories.jobs());
      binder.bind(DataAnalysisJobRepository.class).toInstance(repositories.analyses());
      binder.bind(AuditEventRepository.class).toInstance(repositories.audit());
      binder.bind(RefreshTokenRepository.class).toInstance(repositories.refreshTokens());
      binder.bind(ReplyTemplateRepository.class).toInstance(repositories.templates());
      binder.bind(ReplyDraftRepository.class).toInstance(repositories.drafts());
      binder.bind(AutoReplyOutbox.class).toInstance(repositories.outbox());
      binder.bind(UserCategoryRepository.class).toInstance(repositories.categories());
      binder.bind(SecureTokens.class).toInstance(secureTokens);
      binder.bind(TokenCipher.class).toInstance(cipher);
      binder.bind(MailAuthorization.class).toInstance(mailAuthorization);
      binder.bind(FileStorage.class).toInstance(files);
    };
  }

  private final class Running implements ApiHarness {
    private final Injector injector;
    private final WebServer server;

    Running(Injector injector, WebServer server) {
      this.injector = injector;
      this.server = server;
    }

    @Override
    public String url() {
      return server.url();
    }

    @Override
    public List<Endpoint> endpoints() {
      return Endpoint.all(injector.getInstance(RouteTable.class));
    }

    @Override
    public <T> T port(Class<T> type) {
      return injector.getInstance(type);
    }

    @Override
    public Instant now() {
      return clock.instant();
    }

    @Override
    public Instant advance(Duration by) {
      return TestApplication.this.advance(by);
    }

    @Override
    public Duration accessLifetime() {
      return ACCESS_LIFETIME;
    }

    @Override
    public byte[] accessTokenKey() {
      return ACCESS_TOKEN_KEY.clone();
    }

    @Override
    public int freeLoginFailures() {
      return FREE_LOGIN_FAILURES;
    }

    @Override
    public void enqueue(Job job) {
      queue.enqueue(job);
      // deletion finds the user's pending jobs in the job history
      repositories.jobs().upsertAll(List.of(job));
    }

    @Override
    public boolean cancelled(JobId job) {
      // the queue forgets a cancelled job; one it still holds must be marked cancelled
      return queue.find(job).map(j -> j.status() == JobStatus.CANCELLED).orElse(true);
    }

    /** What the repositories' per-user queries still return (the fakes cannot be searched any other way). */
    @Override
    public List<String> tracesOf(UserId user) {
      PageRequest page = new PageRequest(1, null);
      Map<String, Boolean> found = Map.of(
          "users", repositories.users().findById(user).isPresent(),
          "accounts", !repositories.accounts().listByUser(user).isEmpty(),
          "messages", !repositories.messages()
              .list(new MessageQuery(user, null, null, null, null, null, null, null, page)).items().isEmpty(),
          "rules", !repositories.rules().listByUser(user).isEmpty(),
          "tasks", !repositories.tasks().listByUser(user).isEmpty(),
          "jobs", !repositories.jobs().list(new JobQuery(user, null, null, null, page)).items().isEmpty(),
          "analyses", !repositories.analyses().listByUser(user, page).items().isEmpty(),
          "audit", !repositories.audit().listByActor(user, page).items().isEmpty(),
          "categories", !repositories.categories().listByUser(user).isEmpty());
      return found.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().toList();
    }

    @Override
    public void close() {
      server.stop();
    }
  }
}
