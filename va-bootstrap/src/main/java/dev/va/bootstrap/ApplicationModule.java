package dev.va.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Named;
import dev.va.application.audit.AuditTrail;
import dev.va.application.auth.AuthService;
import dev.va.application.auth.LoginThrottle;
import dev.va.application.port.in.AuthUseCases;
import dev.va.application.port.in.CheckReadinessUseCase;
import dev.va.application.port.in.PrivacyUseCases;
import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.DataAnalysisJobRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.FileStorage;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.MailAccountChanges;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.privacy.PrivacyService;
import dev.va.application.port.in.RotateSecretsUseCase;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.TokenCipher;
import dev.va.application.security.SecretRotationService;
import dev.va.application.port.out.AccessTokens;
import dev.va.application.port.out.AuditEventRepository;
import dev.va.application.port.out.HealthIndicator;
import dev.va.application.port.out.PasswordHasher;
import dev.va.application.port.out.RefreshTokenRepository;
import dev.va.application.port.out.SecureTokens;
import dev.va.application.port.out.UserCategoryRepository;
import dev.va.application.port.out.UserRepository;
import dev.va.application.service.ReadinessService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The use cases of va-application, which knows nothing of Guice: each service is built here from the ports the
 * adapter modules bind. Adapters add readiness checks with
 * {@code Multibinder.newSetBinder(binder(), HealthIndicator.class).addBinding().to(...)}.
 */
public final class ApplicationModule extends AbstractModule {
  /** Failed password checks allowed per account, and failed logins per client address, before delays start. */
  static final int FREE_FAILURES_PER_ACCOUNT = 5;
  static final int FREE_FAILURES_PER_ADDRESS = 20;
  static final Duration THROTTLE_WINDOW = Duration.ofMinutes(15);
  static final Duration MAX_LOGIN_DELAY = Duration.ofMinutes(15);
  static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);
  private static final String ACCOUNT_THROTTLE = "account";

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), HealthIndicator.class);
    bind(AuthUseCases.RegisterUser.class).to(AuthService.class);
    bind(AuthUseCases.Login.class).to(AuthService.class);
    bind(AuthUseCases.RefreshSession.class).to(AuthService.class);
    bind(AuthUseCases.Logout.class).to(AuthService.class);
    bind(AuthUseCases.Authenticate.class).to(AuthService.class);
    bind(AuthUseCases.GetProfile.class).to(AuthService.class);
    bind(AuthUseCases.UpdateProfile.class).to(AuthService.class);
    bind(PrivacyUseCases.ListAuditEvents.class).to(PrivacyService.class);
    bind(PrivacyUseCases.ExportUserData.class).to(PrivacyService.class);
    bind(PrivacyUseCases.DeleteAccount.class).to(PrivacyService.class);
  }

  @Provides
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Provides
  @Singleton
  CheckReadinessUseCase checkReadiness(Set<HealthIndicator> indicators) {
    return new ReadinessService(List.copyOf(indicators));
  }

  @Provides
  @Singleton
  AuditTrail auditTrail(AuditEventRepository events, Clock clock) {
    return new AuditTrail(events, clock);
  }

  @Provides
  @Singleton
  RotateSecretsUseCase rotateSecrets(EmailAccountRepository accounts, TokenCipher cipher, AuditTrail audit,
      Clock clock) {
    return new SecretRotationService(accounts, cipher, audit, clock);
  }

  /**
   * Failed password checks per account: logins, and the password asked again to change the email or password or to
   * delete the account. One instance, so guesses through any of them add up.
   */
  @Provides
  @Singleton
  @Named(ACCOUNT_THROTTLE)
  LoginThrottle accountThrottle(Clock clock) {
    return new LoginThrottle(clock, FREE_FAILURES_PER_ACCOUNT, THROTTLE_WINDOW, MAX_LOGIN_DELAY);
  }

  @Provides
  @Singleton
  PrivacyService privacyService(UserRepository users, EmailAccountRepository accounts,
      EmailMessageRepository messages, AutoReplyRuleRepository rules, ScheduledTaskRepository tasks,
      JobRepository jobs, DataAnalysisJobRepository analyses, AuditEventRepository auditEvents,
      RefreshTokenRepository refreshTokens, UserCategoryRepository categories, JobQueue queue, FileStorage files,
      PasswordHasher hasher, @Named(ACCOUNT_THROTTLE) LoginThrottle accountThrottle, AuditTrail audit,
      MailAccountChanges accountChanges, Clock clock) {
    return new PrivacyService(users, accounts, messages, rules, tasks, jobs, analyses, auditEvents, refreshTokens,
        categories, queue, files, hasher, accountThrottle, audit, accountChanges, clock);
  }

  @Provides
  @Singleton
  AuthService authService(UserRepository users, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
      AccessTokens accessTokens, SecureTokens secureTokens, AuditTrail audit,
      @Named(ACCOUNT_THROTTLE) LoginThrottle accountThrottle, Clock clock) {
    return new AuthService(users, refreshTokens, hasher, accessTokens, secureTokens, audit, accountThrottle,
        new LoginThrottle(clock, FREE_FAILURES_PER_ADDRESS, THROTTLE_WINDOW, MAX_LOGIN_DELAY), clock,
        REFRESH_TOKEN_LIFETIME);
  }
}
