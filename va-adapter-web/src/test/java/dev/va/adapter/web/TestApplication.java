package dev.va.adapter.web;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.va.application.fake.CancelRecordingJobQueue;
import dev.va.adapter.web.identity.IdentityWebModule;
import dev.va.adapter.web.replies.RepliesWebModule;
import dev.va.application.audit.AuditTrail;
import dev.va.application.auth.AuthService;
import dev.va.application.auth.LoginThrottle;
import dev.va.application.fake.InMemoryAccessTokens;
import dev.va.application.fake.InMemoryFileStorage;
import dev.va.application.fake.InMemoryJobQueue;
import dev.va.application.fake.InMemoryRefreshTokenRepository;
import dev.va.application.fake.InMemoryPasswordHasher;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.InMemorySecureTokens;
import dev.va.application.fake.SettableClock;
import dev.va.application.port.in.AuthUseCases;
import dev.va.application.port.in.CheckReadinessUseCase;
import dev.va.application.port.in.DraftUseCases;
import dev.va.application.port.in.OutboxUseCases;
import dev.va.application.port.in.PrivacyUseCases;
import dev.va.application.port.in.RuleUseCases;
import dev.va.application.port.in.TemplateUseCases;
import dev.va.application.port.out.AccessTokens;
import dev.va.application.privacy.PrivacyService;
import dev.va.application.reply.AutoReplyService;
import dev.va.application.reply.DraftService;
import dev.va.application.reply.OutboxService;
import dev.va.application.reply.RuleService;
import dev.va.application.reply.TemplateService;
import dev.va.application.service.ReadinessService;
import dev.va.application.triage.classify.LocalClassifier;
import dev.va.application.triage.classify.Models;
import dev.va.application.triage.classify.NeedsReplyDetector;
import dev.va.application.triage.signals.HeaderSignals;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The web adapter wired as in production, with every feature module of the API ({@link #features()}), over the real
 * application services running on in-memory fakes. A new feature module must be added to {@link #features()}:
 * until it is, OpenApiCoverageTest fails (its documented routes are not registered), and once it is, the isolation
 * walk covers its routes.
 */
public final class TestApplication {
  public static final Instant START = Instant.parse("2025-06-01T08:00:00Z");
  public static final Duration ACCESS_LIFETIME = Duration.ofMinutes(15);
  public static final Duration REFRESH_LIFETIME = Duration.ofDays(30);
  /** Failed logins per account before the throttle locks it (1 s, then doubling). */
  public static final int FREE_LOGIN_FAILURES = 3;

  /** A route as registered: method and template. */
  public record Endpoint(HandlerType method, String path) {}

  private final SettableClock clock = new SettableClock(START);
  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final InMemoryPasswordHasher hasher = new InMemoryPasswordHasher(1);
  private final InMemoryAccessTokens accessTokens = new InMemoryAccessTokens(key('k'), ACCESS_LIFETIME, clock);
  private final InMemorySecureTokens secureTokens = new InMemorySecureTokens();
  private final InMemoryFileStorage files = new InMemoryFileStorage();
  private final CancelRecordingJobQueue queue = new CancelRecordingJobQueue();
  private final InMemoryJobQueue jobs = new InMemoryJobQueue(clock, Duration.ofSeconds(30));
  private final AuthService auth;
  private final PrivacyService privacy;
  private final TemplateService templates;
  private final AutoReplyService autoReplies;
  private final RuleService rules;
  private final DraftService drafts;
  private final OutboxService outbox;

  public TestApplication() {
    AuditTrail audit = new AuditTrail(repositories.audit(), clock);
    // every test client calls from 127.0.0.1: the per-address throttle must not trip before the per-account one
    auth = new AuthService(repositories.users(), repositories.refreshTokens(), hasher, accessTokens, secureTokens,
        audit,
        new LoginThrottle(clock, FREE_LOGIN_FAILURES, Duration.ofMinutes(15), Duration.ofMinutes(15)),
        new LoginThrottle(clock, 1_000, Duration.ofMinutes(15), Duration.ofMinutes(15)),
        clock, REFRESH_LIFETIME);
    privacy = new PrivacyService(repositories.users(), repositories.accounts(), repositories.messages(),
        repositories.rules(), repositories.tasks(), repositories.jobs(), repositories.analyses(),
        repositories.audit(), repositories.refreshTokens(), queue.queue(), files, hasher, audit, clock);
    templates = new TemplateService(repositories.templates(), audit, clock);
    autoReplies = new AutoReplyService(repositories.rules(), repositories.templates(), repositories.accounts(),
        repositories.users(), repositories.outbox(), jobs, clock);
    // untrained models: previews of messages triage has not seen rely on header signals alone
    rules = new RuleService(repositories.rules(), repositories.templates(), repositories.messages(),
        repositories.accounts(), repositories.users(), autoReplies,
        user -> new LocalClassifier(Models.newCategoryModel(),
            new NeedsReplyDetector(Models.newNeedsReplyModel(), 0.5), new HeaderSignals(id -> false)),
        audit, clock);
    drafts = new DraftService(repositories.drafts(), repositories.templates(), repositories.rules(),
        repositories.accounts(), repositories.outbox(), jobs, audit, clock);
    outbox = new OutboxService(repositories.outbox(), jobs, audit, clock);
  }

  /** The feature modules of the web adapter, as the server composes them. */
  public static List<Module> features() {
    return List.of(new IdentityWebModule(), new RepliesWebModule());
  }

  /** Binds every use case the web adapter calls to the services above. */
  public Module useCases() {
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

  /** The production wiring plus {@code extra} modules (e.g. a sample feature). */
  public Injector injector(Module... extra) {
    List<Module> modules = new ArrayList<>(features());
    modules.add(new WebModule(WebSettings.localEphemeral()));
    modules.add(useCases());
    modules.addAll(Arrays.asList(extra));
    return Guice.createInjector(modules);
  }

  /** A started server on a free port; the caller stops it. */
  public WebServer startServer() {
    WebServer server = injector().getInstance(WebServer.class);
    server.start();
    return server;
  }

  /** Every HTTP route {@code routes} registers, sorted by path then method. */
  public static List<Endpoint> endpoints(RouteTable routes) {
    Javalin app = Javalin.create();
    routes.register(app);
    return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .map(parsed -> new Endpoint(parsed.getEndpoint().getMethod(), parsed.getEndpoint().getPath()))
        .filter(endpoint -> endpoint.method().isHttpMethod())
        .sorted(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method))
        .toList();
  }

  /** Access tokens signed with another key: well formed, but not ours. */
  public AccessTokens foreignAccessTokens() {
    return new InMemoryAccessTokens(key('x'), ACCESS_LIFETIME, clock);
  }

  /** Moves the clock forward and returns the new time. */
  public Instant advance(Duration by) {
    Instant now = clock.instant().plus(by);
    clock.set(now);
    return now;
  }

  public SettableClock clock() {
    return clock;
  }

  public InMemoryRepositories repositories() {
    return repositories;
  }

  public InMemoryRefreshTokenRepository refreshTokens() {
    return repositories.refreshTokens();
  }

  public InMemorySecureTokens secureTokens() {
    return secureTokens;
  }

  public InMemoryFileStorage files() {
    return files;
  }

  public CancelRecordingJobQueue queue() {
    return queue;
  }

  /** The queue the reply use cases put their send jobs in. */
  public InMemoryJobQueue jobs() {
    return jobs;
  }

  /** The services behind triage's side of replies, which no route reaches. */
  public AutoReplyService autoReplies() {
    return autoReplies;
  }

  public DraftService drafts() {
    return drafts;
  }

  private static byte[] key(char fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }
}
