package dev.va.adapter.web;

import static dev.va.application.fixture.AuditEventBuilder.anEvent;
import static dev.va.application.fixture.AutoReplyRuleBuilder.aRule;
import static dev.va.application.fixture.DataAnalysisJobBuilder.anAnalysis;
import static dev.va.application.fixture.EmailAccountBuilder.anImapAccount;
import static dev.va.application.fixture.EmailMessageBuilder.aMessage;
import static dev.va.application.fixture.JobBuilder.aJob;
import static dev.va.application.fixture.OutboxEntryBuilder.anAutoReply;
import static dev.va.application.fixture.ReplyDraftBuilder.aDraft;
import static dev.va.application.fixture.ReplyTemplateBuilder.aTemplate;
import static dev.va.application.fixture.ScheduledTaskBuilder.aTask;
import static dev.va.application.fixture.UserCategoryBuilder.aCategory;

import dev.va.application.port.out.AuditEventRepository;
import dev.va.application.port.out.AutoReplyOutbox;
import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.DataAnalysisJobRepository;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.JobRepository;
import dev.va.application.port.out.ReplyDraftRepository;
import dev.va.application.port.out.ReplyTemplateRepository;
import dev.va.application.port.out.ScheduledTaskRepository;
import dev.va.application.port.out.TokenCipher;
import dev.va.application.port.out.UserCategoryRepository;
import dev.va.domain.analysis.DataAnalysisJob;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.job.Job;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.UserCategory;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.ReplyDraft;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.user.UserId;
import java.util.List;

/**
 * One resource of each kind a user owns, stored through the ports behind the API. The account's password is
 * encrypted with the API's own cipher, as the mail feature stores it.
 */
public record OwnedResources(
    UserId owner,
    EmailAccount account,
    String accountPassword,
    EmailMessage message,
    AutoReplyRule rule,
    ScheduledTask task,
    Job job,
    DataAnalysisJob analysis,
    AuditEvent auditEvent,
    ReplyTemplate template,
    ReplyDraft draft,
    OutboxEntry outboxEntry,
    UserCategory category) {

  public static OwnedResources create(ApiHarness api, UserId owner) {
    EmailAccount unsecured = anImapAccount(owner).build();
    String accountPassword = "imap-password-of-" + unsecured.address().value();
    EmailAccount account = unsecured.withCredentials(api.port(TokenCipher.class).encrypt(accountPassword),
        unsecured.updatedAt());
    api.port(EmailAccountRepository.class).insert(account);
    EmailMessage message = aMessage(account).build();
    api.port(EmailMessageRepository.class).insertIfAbsent(message);
    AutoReplyRule rule = aRule(owner).build();
    api.port(AutoReplyRuleRepository.class).insert(rule);
    ScheduledTask task = aTask(owner).build();
    api.port(ScheduledTaskRepository.class).insert(task);
    Job job = aJob(owner).build();
    api.port(JobRepository.class).upsertAll(List.of(job));
    DataAnalysisJob analysis = anAnalysis(owner).build();
    api.port(DataAnalysisJobRepository.class).insert(analysis);
    AuditEvent auditEvent = anEvent(owner).action("rule.created").build();
    api.port(AuditEventRepository.class).append(auditEvent);
    ReplyTemplate template = aTemplate(owner).build();
    api.port(ReplyTemplateRepository.class).insert(template);
    ReplyDraft draft = aDraft(owner).message(message.id()).rule(rule.id()).build();
    api.port(ReplyDraftRepository.class).insertIfAbsent(draft);
    OutboxEntry outboxEntry = anAutoReply(owner).message(message.id()).rule(rule.id()).build();
    api.port(AutoReplyOutbox.class).insertIfAbsent(outboxEntry);
    // a name no other user has, so that the walk can tell it from anybody else's data
    UserCategory category = aCategory(owner).name("owned_" + owner.value().toString().substring(0, 8)).build();
    api.port(UserCategoryRepository.class).insert(category, UserCategory.MAX_PER_USER);
    return new OwnedResources(owner, account, accountPassword, message, rule, task, job, analysis, auditEvent,
        template, draft, outboxEntry, category);
  }

  /** The ids of every resource, as the API writes them (a category's is its name). */
  public List<String> ids() {
    return List.of(owner.toString(), account.id().toString(), message.id().toString(), rule.id().toString(),
        task.id().toString(), job.id().toString(), analysis.id().toString(), auditEvent.id().toString(),
        template.id().toString(), draft.id().toString(), outboxEntry.id().toString(), category.name().name());
  }
}
