package dev.va.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.va.application.audit.AuditTrail;
import dev.va.application.fake.InMemoryJobQueue;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.SettableClock;
import dev.va.application.job.JobHandler;
import dev.va.application.port.in.AutoReplyUseCases;
import dev.va.application.port.in.DraftUseCases;
import dev.va.application.port.in.RuleUseCases;
import dev.va.application.port.out.AutoReplyOutbox;
import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.ReplyDraftRepository;
import dev.va.application.port.out.ReplyTemplateRepository;
import dev.va.application.port.out.ReplyWriter;
import dev.va.application.port.out.UserCategoryRepository;
import dev.va.application.port.out.UserRepository;
import dev.va.application.reply.AutoReplySendHandler;
import dev.va.application.reply.AutoReplyService;
import dev.va.application.reply.DraftService;
import dev.va.application.reply.RuleService;
import dev.va.application.triage.classify.TriageModel;
import dev.va.application.triage.model.ClassifierModels;
import dev.va.domain.mail.MailProviderType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepliesFeatureModuleTest {
  private final Injector injector = Guice.createInjector(new RepliesFeatureModule(), binder -> {
    InMemoryRepositories repositories = new InMemoryRepositories();
    SettableClock clock = new SettableClock(Instant.parse("2025-06-01T00:00:00Z"));
    binder.bind(Clock.class).toInstance(clock);
    binder.bind(UserRepository.class).toInstance(repositories.users());
    binder.bind(EmailAccountRepository.class).toInstance(repositories.accounts());
    binder.bind(EmailMessageRepository.class).toInstance(repositories.messages());
    binder.bind(AutoReplyRuleRepository.class).toInstance(repositories.rules());
    binder.bind(ReplyTemplateRepository.class).toInstance(repositories.templates());
    binder.bind(ReplyDraftRepository.class).toInstance(repositories.drafts());
    binder.bind(AutoReplyOutbox.class).toInstance(repositories.outbox());
    binder.bind(UserCategoryRepository.class).toInstance(repositories.categories());
    binder.bind(JobQueue.class).toInstance(new InMemoryJobQueue(clock, Duration.ofSeconds(30)));
    binder.bind(AuditTrail.class).toInstance(new AuditTrail(repositories.audit(), clock));
    binder.bind(ClassifierModels.class)
        .toInstance(new ClassifierModels(TriageModel.untrained(), repositories.models(), clock));
  });

  @Test
  void theWorkerPoolGetsTheSendHandler() {
    Set<JobHandler> handlers = injector.getInstance(Key.get(new TypeLiteral<Set<JobHandler>>() {}));

    assertThat(handlers).singleElement().isInstanceOf(AutoReplySendHandler.class)
        .extracting(JobHandler::type).isEqualTo("mail.autoreply.send");
  }

  @Test
  void triageAndTheApiShareOneServiceOfEachKind() {
    AutoReplyService autoReplies = injector.getInstance(AutoReplyService.class);
    DraftService drafts = injector.getInstance(DraftService.class);

    assertThat(injector.getInstance(AutoReplyUseCases.ScheduleAutoReply.class)).isSameAs(autoReplies);
    assertThat(injector.getInstance(AutoReplyUseCases.AutoReplyHistory.class)).isSameAs(autoReplies);
    assertThat(injector.getInstance(AutoReplyUseCases.RecordSuppressedAutoReply.class)).isSameAs(autoReplies);
    assertThat(injector.getInstance(AutoReplyUseCases.CreateDraft.class)).isSameAs(drafts);
    assertThat(injector.getInstance(DraftUseCases.ApproveDraft.class)).isSameAs(drafts);
    assertThat(injector.getInstance(RuleUseCases.PreviewRule.class))
        .isSameAs(injector.getInstance(RuleUseCases.CreateRule.class)).isInstanceOf(RuleService.class);
  }

  @Test
  void withoutAMailModuleThereIsNoProviderToSendWith() {
    Map<MailProviderType, MailProvider> providers =
        injector.getInstance(Key.get(new TypeLiteral<Map<MailProviderType, MailProvider>>() {}));

    assertThat(providers).isEmpty();
  }

  @Test
  void withoutALanguageModelDraftsHaveNoReplyWriter() {
    assertThat(injector.getInstance(Key.get(new TypeLiteral<Optional<ReplyWriter>>() {}))).isEmpty();
  }
}
