package dev.va.application.port.in;

import dev.va.application.triage.TriageContext;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.UserId;
import java.util.UUID;

/**
 * What triage hands to the reply side once a rule matched: an allowed auto-reply goes through the outbox (sent at
 * most once per rule and message, whatever crashes or retries happen), a draft waits for the user's approval.
 */
public interface AutoReplyUseCases {

  /**
   * Queues the approved template's reply to {@code message} for sending. Idempotent per (rule, message): calling it
   * again (a retried triage job, a second worker) changes nothing.
   */
  interface ScheduleAutoReply {
    void schedule(EmailMessage message, AutoReplyRuleId rule, int ruleVersion, UUID templateId);
  }

  /** Creates a reply draft for approval (from a template, or written by the LLM when none is given). */
  interface CreateDraft {
    void draft(EmailMessage message, AutoReplyRuleId rule, UUID templateIdOrNull);
  }

  /** Past auto-replies of a user's rules, for the "one per sender per period" rule of the policy. */
  interface AutoReplyHistory {
    TriageContext.ReplyHistory forUser(UserId user);
  }
}
