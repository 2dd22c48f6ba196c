package dev.va.application.fake;

import java.util.List;

/** All in-memory repositories, wired so that deletions cascade as they do in the database. */
public final class InMemoryRepositories {
  private final InMemoryEmailMessageRepository messages = new InMemoryEmailMessageRepository();
  private final InMemoryEmailAccountRepository accounts = new InMemoryEmailAccountRepository(messages);
  private final InMemoryAutoReplyRuleRepository rules = new InMemoryAutoReplyRuleRepository();
  private final InMemoryScheduledTaskRepository tasks = new InMemoryScheduledTaskRepository();
  private final InMemoryJobRepository jobs = new InMemoryJobRepository();
  private final InMemoryDataAnalysisJobRepository analyses = new InMemoryDataAnalysisJobRepository();
  private final InMemoryAuditEventRepository audit = new InMemoryAuditEventRepository();
  private final InMemoryRefreshTokenRepository refreshTokens = new InMemoryRefreshTokenRepository();
  private final InMemoryScheduleClaims claims = new InMemoryScheduleClaims(tasks, jobs);
  private final InMemoryClassifierModelStore models = new InMemoryClassifierModelStore();
  private final InMemoryReplyTemplateRepository templates = new InMemoryReplyTemplateRepository();
  private final InMemoryReplyDraftRepository drafts = new InMemoryReplyDraftRepository();
  private final InMemoryAutoReplyOutbox outbox = new InMemoryAutoReplyOutbox();
  private final InMemoryUserCategoryRepository categories = new InMemoryUserCategoryRepository();
  private final InMemoryUserRepository users = new InMemoryUserRepository(List.of(accounts, messages, rules, tasks,
      jobs, analyses, audit, refreshTokens, models, templates, drafts, outbox, categories));

  public InMemoryUserRepository users() {
    return users;
  }

  public InMemoryEmailAccountRepository accounts() {
    return accounts;
  }

  public InMemoryEmailMessageRepository messages() {
    return messages;
  }

  public InMemoryAutoReplyRuleRepository rules() {
    return rules;
  }

  public InMemoryScheduledTaskRepository tasks() {
    return tasks;
  }

  public InMemoryJobRepository jobs() {
    return jobs;
  }

  public InMemoryDataAnalysisJobRepository analyses() {
    return analyses;
  }

  public InMemoryAuditEventRepository audit() {
    return audit;
  }

  public InMemoryRefreshTokenRepository refreshTokens() {
    return refreshTokens;
  }

  public InMemoryScheduleClaims claims() {
    return claims;
  }

  public InMemoryClassifierModelStore models() {
    return models;
  }

  public InMemoryReplyTemplateRepository templates() {
    return templates;
  }

  public InMemoryReplyDraftRepository drafts() {
    return drafts;
  }

  public InMemoryAutoReplyOutbox outbox() {
    return outbox;
  }

  public InMemoryUserCategoryRepository categories() {
    return categories;
  }
}
