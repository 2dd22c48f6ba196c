package dev.va.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import dev.va.application.audit.AuditTrail;
import dev.va.application.job.JobHandler;
import dev.va.application.port.in.AutoReplyUseCases;
import dev.va.application.port.in.DraftUseCases;
import dev.va.application.port.in.OutboxUseCases;
import dev.va.application.port.in.RuleUseCases;
import dev.va.application.port.in.TemplateUseCases;
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
import dev.va.application.reply.OutboxService;
import dev.va.application.reply.RuleService;
import dev.va.application.reply.TemplateService;
import dev.va.application.triage.model.ClassifierModels;
import dev.va.domain.mail.MailProviderType;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Rules, reply templates, drafts and the auto-reply outbox: their use cases, the seam triage calls
 * ({@link AutoReplyUseCases}), and the {@code mail.autoreply.send} handler (added to the {@code Set<JobHandler>}).
 * Sends through the {@code Map<MailProviderType, MailProvider>} the mail module fills; declared here, so without a
 * mail module the map is empty and a send fails with its reason. Needs the repositories, the outbox, the job queue,
 * the audit trail, the clock and the users' {@link ClassifierModels} (TriageFeatureModule's) bound elsewhere. Drafts
 * a rule asks the language model for are written by the {@link ReplyWriter} where one is bound (LlmModule's, with an
 * OpenAI key); without one they fall back to the template or a placeholder.
 */
public final class RepliesFeatureModule extends AbstractModule {
  private final Duration sendLease;

  public RepliesFeatureModule() {
    this(AutoReplySendHandler.DEFAULT_LEASE);
  }

  /** @param sendLease how long a worker's claim on a reply lasts; longer than any send takes */
  public RepliesFeatureModule(Duration sendLease) {
    this.sendLease = sendLease;
  }

  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), MailProviderType.class, MailProvider.class);
    OptionalBinder.newOptionalBinder(binder(), ReplyWriter.class);
    bind(RuleUseCases.CreateRule.class).to(RuleService.class);
    bind(RuleUseCases.ListRules.class).to(RuleService.class);
    bind(RuleUseCases.GetRule.class).to(RuleService.class);
    bind(RuleUseCases.UpdateRule.class).to(RuleService.class);
    bind(RuleUseCases.DeleteRule.class).to(RuleService.class);
    bind(RuleUseCases.ListRuleVersions.class).to(RuleService.class);
    bind(RuleUseCases.PreviewRule.class).to(RuleService.class);
    bind(TemplateUseCases.CreateTemplate.class).to(TemplateService.class);
    bind(TemplateUseCases.ListTemplates.class).to(TemplateService.class);
    bind(TemplateUseCases.GetTemplate.class).to(TemplateService.class);
    bind(TemplateUseCases.ReplaceTemplate.class).to(TemplateService.class);
    bind(TemplateUseCases.DeleteTemplate.class).to(TemplateService.class);
    bind(TemplateUseCases.ApproveTemplate.class).to(TemplateService.class);
    bind(DraftUseCases.ListDrafts.class).to(DraftService.class);
    bind(DraftUseCases.GetDraft.class).to(DraftService.class);
    bind(DraftUseCases.EditDraft.class).to(DraftService.class);
    bind(DraftUseCases.ApproveDraft.class).to(DraftService.class);
    bind(DraftUseCases.RejectDraft.class).to(DraftService.class);
    bind(OutboxUseCases.ListOutbox.class).to(OutboxService.class);
    bind(OutboxUseCases.GetOutboxEntry.class).to(OutboxService.class);
    bind(OutboxUseCases.ResendOutboxEntry.class).to(OutboxService.class);
    bind(AutoReplyUseCases.ScheduleAutoReply.class).to(AutoReplyService.class);
    bind(AutoReplyUseCases.RecordSuppressedAutoReply.class).to(AutoReplyService.class);
    bind(AutoReplyUseCases.AutoReplyHistory.class).to(AutoReplyService.class);
    bind(AutoReplyUseCases.CreateDraft.class).to(DraftService.class);
    Multibinder.newSetBinder(binder(), JobHandler.class).addBinding().to(AutoReplySendHandler.class);
  }

  @Provides
  @Singleton
  TemplateService templates(ReplyTemplateRepository templates, AuditTrail audit, Clock clock) {
    return new TemplateService(templates, audit, clock);
  }

  @Provides
  @Singleton
  AutoReplyService autoReplies(AutoReplyRuleRepository rules, ReplyTemplateRepository templates,
      EmailAccountRepository accounts, UserRepository users, AutoReplyOutbox outbox, JobQueue queue, Clock clock) {
    return new AutoReplyService(rules, templates, accounts, users, outbox, queue, clock);
  }

  @Provides
  @Singleton
  RuleService rules(AutoReplyRuleRepository rules, ReplyTemplateRepository templates,
      EmailMessageRepository messages, EmailAccountRepository accounts, UserRepository users,
      UserCategoryRepository categories, AutoReplyService history, ClassifierModels models, AuditTrail audit,
      Clock clock) {
    // previews classify mail triage has not seen as triage would: with the user's own models
    return new RuleService(rules, templates, messages, accounts, users, categories, history, models::classifier,
        audit, clock);
  }

  @Provides
  @Singleton
  DraftService drafts(ReplyDraftRepository drafts, ReplyTemplateRepository templates, AutoReplyRuleRepository rules,
      EmailAccountRepository accounts, AutoReplyOutbox outbox, JobQueue queue, Optional<ReplyWriter> writer,
      AuditTrail audit, Clock clock) {
    return new DraftService(drafts, templates, rules, accounts, outbox, queue, writer, audit, clock);
  }

  @Provides
  @Singleton
  OutboxService outbox(AutoReplyOutbox outbox, JobQueue queue, AuditTrail audit, Clock clock) {
    return new OutboxService(outbox, queue, audit, clock);
  }

  @Provides
  @Singleton
  AutoReplySendHandler sendHandler(AutoReplyOutbox outbox, EmailAccountRepository accounts,
      EmailMessageRepository messages, Map<MailProviderType, MailProvider> providers, JobQueue queue,
      AuditTrail audit, Clock clock) {
    return new AutoReplySendHandler(outbox, accounts, messages, providers, queue, audit, clock, sendLease);
  }
}
