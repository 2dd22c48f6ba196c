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
   * again (a retried triage job, a second worker) changes nothing. Call it when triage's policy allowed the reply; it
   * checks again before queueing (the template must be an approved one of the user, the message must have no other
   * auto-reply, and the policy must still allow it given the replies the outbox knows of) and records a suppression,
   * with its reason, instead when one of those fails.
   */
  interface ScheduleAutoReply {
    void schedule(EmailMessage message, AutoReplyRuleId rule, int ruleVersion, UUID templateId);
  }

  /**
   * Records that the policy suppressed a rule's auto-reply to {@code message}, and why, so the user sees it with the
   * replies that went out. Idempotent per (rule, message) like {@link ScheduleAutoReply}; once either recorded
   * something for a rule and message, later calls change nothing.
   */
  interface RecordSuppressedAutoReply {
    void suppressed(EmailMessage message, AutoReplyRuleId rule, int ruleVersion, UUID templateId, String reason);
  }

  /**
   * Creates a reply draft for approval, once per (rule, message): written by the language model when {@code llm}
   * asks for it and one is configured, else (or when it gives nothing) from the template, else a placeholder. The
   * draft records which, and why when it fell back. Nothing is ever sent without the user's approval.
   */
  interface CreateDraft {
    void draft(EmailMessage message, AutoReplyRuleId rule, UUID templateIdOrNull, boolean llm);
  }

  /** Past auto-replies of a user's rules, for the "one per sender per period" rule of the policy. */
  interface AutoReplyHistory {
    TriageContext.ReplyHistory forUser(UserId user);
  }
}
