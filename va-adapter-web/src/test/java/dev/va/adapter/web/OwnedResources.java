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

import dev.va.application.fake.InMemoryRepositories;
import dev.va.domain.analysis.DataAnalysisJob;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.job.Job;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.ReplyDraft;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.schedule.ScheduledTask;
import dev.va.domain.user.UserId;
import java.util.List;

/** One resource of each kind a user owns, stored through the fakes. */
public record OwnedResources(
    UserId owner,
    EmailAccount account,
    EmailMessage message,
    AutoReplyRule rule,
    ScheduledTask task,
    Job job,
    DataAnalysisJob analysis,
    AuditEvent auditEvent,
    ReplyTemplate template,
    ReplyDraft draft,
    OutboxEntry outboxEntry) {

  public static OwnedResources create(InMemoryRepositories repositories, UserId owner) {
    EmailAccount account = anImapAccount(owner).build();
    repositories.accounts().insert(account);
    EmailMessage message = aMessage(account).build();
    repositories.messages().insertIfAbsent(message);
    AutoReplyRule rule = aRule(owner).build();
    repositories.rules().insert(rule);
    ScheduledTask task = aTask(owner).build();
    repositories.tasks().insert(task);
    Job job = aJob(owner).build();
    repositories.jobs().upsertAll(List.of(job));
    DataAnalysisJob analysis = anAnalysis(owner).build();
    repositories.analyses().insert(analysis);
    AuditEvent auditEvent = anEvent(owner).action("rule.created").build();
    repositories.audit().append(auditEvent);
    ReplyTemplate template = aTemplate(owner).build();
    repositories.templates().insert(template);
    ReplyDraft draft = aDraft(owner).message(message.id()).rule(rule.id()).build();
    repositories.drafts().insertIfAbsent(draft);
    OutboxEntry outboxEntry = anAutoReply(owner).message(message.id()).rule(rule.id()).build();
    repositories.outbox().insertIfAbsent(outboxEntry);
    return new OwnedResources(owner, account, message, rule, task, job, analysis, auditEvent, template, draft,
        outboxEntry);
  }

  /** The ids of every resource, as the API writes them. */
  public List<String> ids() {
    return List.of(owner.toString(), account.id().toString(), message.id().toString(), rule.id().toString(),
        task.id().toString(), job.id().toString(), analysis.id().toString(), auditEvent.id().toString(),
        template.id().toString(), draft.id().toString(), outboxEntry.id().toString());
  }
}
