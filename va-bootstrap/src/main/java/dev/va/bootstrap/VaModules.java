package dev.va.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import com.google.inject.util.Modules;
import dev.va.adapter.mail.MailTrust;
import dev.va.adapter.mail.gmail.GmailSettings;
import dev.va.adapter.mail.oauth.OAuthClientSettings;
import dev.va.adapter.persistence.Database;
import dev.va.adapter.persistence.PostgresSideEffectLedger;
import dev.va.adapter.persistence.files.FileStorageModule;
import dev.va.adapter.queue.QueueModule;
import dev.va.adapter.web.WebModule;
import dev.va.adapter.web.identity.IdentityWebModule;
import dev.va.adapter.web.jobs.JobsWebModule;
import dev.va.adapter.web.mail.MailOAuthRoutes;
import dev.va.adapter.web.mail.MailWebModule;
import dev.va.application.job.HistoryRecordingJobQueue;
import dev.va.application.mail.ConnectOAuthAccount.OutlookServers;
import dev.va.application.port.out.JobHistory;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.SideEffectLedger;
import dev.va.adapter.web.triage.TriageWebModule;
import dev.va.bootstrap.config.ConfigException;
import dev.va.bootstrap.config.ConfigLoader;
import dev.va.bootstrap.config.GmailConfig;
import dev.va.bootstrap.config.MailConfig;
import dev.va.bootstrap.config.MicrosoftConfig;
import dev.va.adapter.web.replies.RepliesWebModule;
import dev.va.bootstrap.config.QueueConfig;
import dev.va.bootstrap.config.VaConfig;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The Guice modules each command runs with, by name. Tests and embedding applications replace single bindings with
 * {@code Modules.override(VaModules.server(config)).with(theirModule)}.
 */
public final class VaModules {
  static final String QUEUE_KEY_PREFIX = "va:";

  private VaModules() {}

  /** {@code va server}: everything of {@link #worker} plus the HTTP API. */
  public static List<Module> server(VaConfig config) {
    List<Module> modules = new ArrayList<>(worker(config));
    modules.addAll(List.of(new WebModule(config.api().toWebSettings()), new IdentityWebModule(),
        new JobsWebModule(), new MailWebModule(), new TriageWebModule(), new RepliesWebModule()));
    return List.copyOf(modules);
  }

  /**
   * {@code va worker}: configuration, database, files, queue, security, use cases, job handlers (triage and
   * replies among them)
   * and scheduler.
   */
  public static List<Module> worker(VaConfig config) {
    return List.of(new ConfigModule(config), new DatabaseModule(), files(config), queue(config.queue()),
        new SecurityModule(), new ApplicationModule(), new JobsRuntimeModule(), new JobsFeatureModule(),
        new MailFeatureModule(mail(config)), new TriageFeatureModule(config.openAi()), new RepliesFeatureModule());
  }

  /**
   * {@code va migrate}: configuration and the binding of {@link DatabaseBootstrap}, with the clock that bindings of
   * the persistence module read (the OAuth nonce store).
   */
  public static List<Module> migrate(VaConfig config) {
    return List.of(new ConfigModule(config), new DatabaseModule(),
        binder -> binder.bind(Clock.class).toInstance(Clock.systemUTC()));
  }

  /** {@code va keys ...}: the same composition as a worker, none of it started. */
  public static List<Module> keys(VaConfig config) {
    return worker(config);
  }

  static Module files(VaConfig config) {
    return new FileStorageModule(config.dataDir().resolve("files"));
  }

  /**
   * The mail feature with the configured OAuth clients. Providers send the browser back to
   * {@code <VA_PUBLIC_URL>/api/v1/auth/<provider>/callback}: the URI to register with Google and Microsoft.
   */
  static MailFeatureModule.Settings mail(VaConfig config) {
    MailFeatureModule.Settings settings = MailFeatureModule.Settings.defaults().withImapIdle(config.mail().imapIdle());
    if (config.mail().tlsTrustFile().isPresent()) {
      settings = settings.withMail(settings.mail().withTrust(trust(config.mail())));
    }
    String publicUrl = config.api().publicUrl().toString();
    if (config.gmail().isPresent()) {
      GmailConfig gmail = config.gmail().get();
      OAuthClientSettings google = OAuthClientSettings.google(gmail.clientId(), gmail.clientSecret(),
          URI.create(publicUrl + MailOAuthRoutes.GMAIL_CALLBACK));
      google = google.withEndpoints(gmail.authUrl().orElse(google.authorizationUri()),
          gmail.tokenUrl().orElse(google.tokenUri()));
      settings = settings.withGmail(GmailSettings.defaults(google)
          .withRootUrl(gmail.apiRootUrl().orElse(GmailSettings.DEFAULT_ROOT_URL)));
    }
    if (config.microsoft().isPresent()) {
      MicrosoftConfig microsoft = config.microsoft().get();
      OAuthClientSettings client = OAuthClientSettings.microsoft(microsoft.tenant(), microsoft.clientId(),
          microsoft.clientSecret(), URI.create(publicUrl + MailOAuthRoutes.MICROSOFT_CALLBACK));
      settings = settings.withMicrosoft(client.withEndpoints(microsoft.authUrl().orElse(client.authorizationUri()),
          microsoft.tokenUrl().orElse(client.tokenUri())));
      OutlookServers exchange = OutlookServers.EXCHANGE_ONLINE;
      settings = settings.withOutlookServers(new OutlookServers(microsoft.imapServer().orElse(exchange.imap()),
          microsoft.smtpServer().orElse(exchange.smtp())));
    }
    return settings;
  }

  /** The trust file, read now: a file va cannot use stops the start, naming the variable. */
  private static MailTrust trust(MailConfig mail) {
    try {
      return MailTrust.adding(mail.tlsTrustFile().orElseThrow(),
          mail.tlsTrustPassword().map(String::toCharArray).orElse(null));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigException(ConfigLoader.MAIL_TLS_TRUST_FILE, e.getMessage());
    }
  }

  static Module queue(QueueConfig config) {
    QueueModule transport = config instanceof QueueConfig.Redis redis
        ? QueueModule.redis(redis.url().toString(), QUEUE_KEY_PREFIX)
        : QueueModule.inProcess();
    Module recorded = Modules.override(transport).with(new AbstractModule() {
      /** Jobs queued, cancelled or redriven by use cases are in the job history (and the API) at once. */
      @Provides
      @Singleton
      JobQueue jobQueue(@Named(QueueModule.TRANSPORT) JobQueue queue, JobHistory history) {
        return new HistoryRecordingJobQueue(queue, history);
      }
    });
    if (config instanceof QueueConfig.Redis) return recorded;
    return Modules.override(recorded).with(new AbstractModule() {
      /** The jobs the in-process queue restores after a restart must find the effects they already performed. */
      @Provides
      @Singleton
      SideEffectLedger ledger(Database database, Clock clock) {
        return new PostgresSideEffectLedger(database, clock, QueueModule.EFFECT_RETENTION);
      }
    });
  }
}
