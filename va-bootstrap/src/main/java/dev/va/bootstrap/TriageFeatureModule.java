package dev.va.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.va.adapter.llm.LlmModule;
import dev.va.adapter.llm.LlmSettings;
import dev.va.adapter.llm.OpenAiChat;
import dev.va.adapter.llm.OpenAiLlmClassifier;
import dev.va.application.job.JobHandler;
import dev.va.application.audit.AuditTrail;
import dev.va.application.port.in.AutoReplyUseCases.AutoReplyHistory;
import dev.va.application.port.in.AutoReplyUseCases.CreateDraft;
import dev.va.application.port.in.AutoReplyUseCases.RecordSuppressedAutoReply;
import dev.va.application.port.in.AutoReplyUseCases.ScheduleAutoReply;
import dev.va.application.port.in.CategoryUseCases;
import dev.va.application.port.in.TriageUseCases.CorrectClassification;
import dev.va.application.port.in.TriageUseCases.ExplainTriage;
import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.ClassifierModelStore;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.UserCategoryRepository;
import dev.va.application.port.out.UserRepository;
import dev.va.application.port.out.WebhookSender;
import dev.va.application.triage.TriageEngine;
import dev.va.application.triage.category.CategoryService;
import dev.va.application.triage.classify.TriageModel;
import dev.va.application.triage.job.TriageJobHandler;
import dev.va.application.triage.model.ClassificationCorrections;
import dev.va.application.triage.model.ClassifierModels;
import dev.va.bootstrap.config.OpenAiConfig;
import dev.va.bootstrap.config.TriageConfig;
import dev.va.bootstrap.infra.JdkWebhookSender;
import dev.va.domain.mail.MailProviderType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triage of synced mail: the {@code mail.triage} job handler (added to the {@code Set<JobHandler>}), users'
 * classifier models over the base model of {@code VA_CLASSIFIER_MODEL}, the correction and category use cases, and
 * the webhook sender. With an OpenAI key it installs {@link LlmModule} (the classifier, and the reply writer drafts
 * use) and closes its client with the {@link Lifecycle}.
 *
 * <p>Needs from elsewhere: the repositories (the {@link UserCategoryRepository} among them) and the
 * {@link ClassifierModelStore}, the {@link AuditTrail}, the {@link Clock}, the {@link Lifecycle} and
 * {@link TriageConfig}. The mail providers come from {@code MailModule}'s
 * {@code Map<MailProviderType, MailProvider>} (declared here, so it is empty without that module: jobs of an account
 * whose provider is missing are rejected). The reply side ({@link ScheduleAutoReply},
 * {@link RecordSuppressedAutoReply}, {@link CreateDraft}, {@link AutoReplyHistory}) is optional: bind them anywhere
 * to have auto-replies, suppressions and drafts handed over.
 */
public final class TriageFeatureModule extends AbstractModule {
  static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(TriageFeatureModule.class);

  private final OpenAiConfig openAi;

  public TriageFeatureModule(OpenAiConfig openAi) {
    this.openAi = openAi;
  }

  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), MailProviderType.class, MailProvider.class);
    OptionalBinder.newOptionalBinder(binder(), ScheduleAutoReply.class);
    OptionalBinder.newOptionalBinder(binder(), RecordSuppressedAutoReply.class);
    OptionalBinder.newOptionalBinder(binder(), CreateDraft.class);
    OptionalBinder.newOptionalBinder(binder(), AutoReplyHistory.class);
    Multibinder.newSetBinder(binder(), JobHandler.class).addBinding().to(TriageJobHandler.class);
    bind(CorrectClassification.class).to(ClassificationCorrections.class);
    bind(ExplainTriage.class).to(ClassificationCorrections.class);
    bind(CategoryUseCases.CreateCategory.class).to(CategoryService.class);
    bind(CategoryUseCases.ListCategories.class).to(CategoryService.class);
    bind(CategoryUseCases.GetCategory.class).to(CategoryService.class);
    bind(CategoryUseCases.DescribeCategory.class).to(CategoryService.class);
    bind(CategoryUseCases.DeleteCategory.class).to(CategoryService.class);
    if (openAi.apiKey().isPresent()) {
      install(new LlmModule(llmSettings(openAi)));
      requestInjection(new ChatOwner());
      install(new AbstractModule() {
        @Provides
        @Singleton
        TriageJobHandler.Llm llm(OpenAiLlmClassifier classifier) {
          return new TriageJobHandler.Llm(Optional.of(classifier), TriageEngine.DEFAULT_LLM_THRESHOLD);
        }
      });
    } else {
      bind(TriageJobHandler.Llm.class).toInstance(TriageJobHandler.Llm.none());
    }
  }

  /**
   * Hands the language model's client to the {@link Lifecycle} as the injector is made: triage's classifier and the
   * drafts' reply writer share it, and either may be the only one a process uses.
   */
  static final class ChatOwner {
    @Inject
    void own(OpenAiChat chat, Lifecycle lifecycle) {
      lifecycle.own(chat);
    }
  }

  static LlmSettings llmSettings(OpenAiConfig config) {
    LlmSettings d = LlmSettings.defaults(config.apiKey().orElseThrow());
    String baseUrl = config.baseUrl().map(URI::toString).orElse(d.baseUrl());
    return new LlmSettings(d.apiKey(), config.model(), baseUrl, d.connectTimeout(), d.readTimeout(),
        d.totalTimeout(), d.maxRetries(), d.dailyTokenBudgetPerUser(), d.breakerFailureThreshold(),
        d.breakerCoolDown(), d.cacheSize());
  }

  @Provides
  @Singleton
  TriageModel baseModel(TriageConfig config) {
    if (config.classifierModel().isEmpty()) {
      LOG.info("no VA_CLASSIFIER_MODEL: classifying with header signals until users correct classifications");
      return TriageModel.untrained();
    }
    TriageModel model = ClassifierModelFile.read(config.classifierModel().get());
    LOG.info("classifier model {} ({} categories)", config.classifierModel().get(),
        model.categories().labels().size());
    return model;
  }

  @Provides
  @Singleton
  ClassifierModels classifierModels(TriageModel base, ClassifierModelStore store, Clock clock) {
    return new ClassifierModels(base, store, clock);
  }

  @Provides
  @Singleton
  ClassificationCorrections corrections(EmailMessageRepository messages, ClassifierModels models,
      UserCategoryRepository categories, Clock clock) {
    return new ClassificationCorrections(messages, models, categories, clock);
  }

  @Provides
  @Singleton
  CategoryService categories(UserCategoryRepository categories, ClassifierModels models, AuditTrail audit,
      Clock clock) {
    return new CategoryService(categories, models, audit, clock);
  }

  @Provides
  @Singleton
  WebhookSender webhooks(TriageConfig config) {
    return new JdkWebhookSender(new JdkWebhookSender.Settings(config.webhookSecret(), config.webhookAllowPrivate(),
        WEBHOOK_TIMEOUT));
  }

  @Provides
  @Singleton
  TriageJobHandler handler(EmailMessageRepository messages, EmailAccountRepository accounts,
      AutoReplyRuleRepository rules, UserRepository users, UserCategoryRepository categories,
      Map<MailProviderType, MailProvider> providers, ClassifierModels models, TriageJobHandler.Llm llm,
      Optional<ScheduleAutoReply> autoReply, Optional<RecordSuppressedAutoReply> suppressions,
      Optional<CreateDraft> drafts, Optional<AutoReplyHistory> history, WebhookSender webhooks, Clock clock) {
    return new TriageJobHandler(messages, accounts, rules, users, categories, providers, models, llm,
        new TriageJobHandler.Replies(autoReply, suppressions, drafts, history), webhooks, clock);
  }
}
