package dev.va.adapter.web;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.va.application.fake.CancelRecordingJobQueue;
import dev.va.adapter.web.identity.IdentityWebModule;
import dev.va.adapter.web.triage.TriageWebModule;
import dev.va.application.audit.AuditTrail;
import dev.va.application.auth.AuthService;
import dev.va.application.auth.LoginThrottle;
import dev.va.application.fake.InMemoryAccessTokens;
import dev.va.application.fake.InMemoryFileStorage;
import dev.va.application.fake.InMemoryRefreshTokenRepository;
import dev.va.application.fake.InMemoryPasswordHasher;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.InMemorySecureTokens;
import dev.va.application.fake.SettableClock;
import dev.va.application.port.in.AuthUseCases;
import dev.va.application.port.in.CheckReadinessUseCase;
import dev.va.application.port.in.PrivacyUseCases;
import dev.va.application.port.out.AccessTokens;
import dev.va.application.privacy.PrivacyService;
import dev.va.application.port.in.TriageUseCases;
import dev.va.application.service.ReadinessService;
import dev.va.application.triage.classify.TriageModel;
import dev.va.application.triage.model.ClassificationCorrections;
import dev.va.application.triage.model.ClassifierModels;
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
  private final AuthService auth;
  private final PrivacyService privacy;
  private final ClassificationCorrections classifications;

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
    classifications = new ClassificationCorrections(repositories.messages(),
        new ClassifierModels(TriageModel.untrained(), repositories.models(), clock), clock);
  }

  /** The feature modules of the web adapter, as the server composes them. */
  public static List<Module> features() {
    return List.of(new IdentityWebModule(), new TriageWebModule());
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
      binder.bind(TriageUseCases.CorrectClassification.class).toInstance(classifications);
      binder.bind(TriageUseCases.ExplainTriage.class).toInstance(classifications);
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

  private static byte[] key(char fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return key;
  }
}
