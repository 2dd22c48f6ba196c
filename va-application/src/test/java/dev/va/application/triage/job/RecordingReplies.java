package dev.va.application.triage.job;

import dev.va.application.port.in.AutoReplyUseCases.AutoReplyHistory;
import dev.va.application.port.in.AutoReplyUseCases.CreateDraft;
import dev.va.application.port.in.AutoReplyUseCases.RecordSuppressedAutoReply;
import dev.va.application.port.in.AutoReplyUseCases.ScheduleAutoReply;
import dev.va.application.triage.TriageContext;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The reply side as triage sees it: records what it is handed, and answers the history it was given. */
final class RecordingReplies implements ScheduleAutoReply, RecordSuppressedAutoReply, CreateDraft,
    AutoReplyHistory {
  record Scheduled(EmailMessage message, AutoReplyRuleId rule, int version, UUID template) {}

  record Suppressed(EmailMessage message, AutoReplyRuleId rule, int version, UUID template, String reason) {}

  record Drafted(EmailMessage message, AutoReplyRuleId rule, UUID template, boolean llm) {}

  private final List<Scheduled> scheduled = new ArrayList<>();
  private final List<Suppressed> suppressed = new ArrayList<>();
  private final List<Drafted> drafted = new ArrayList<>();
  private final Map<String, Instant> lastReplies = new HashMap<>();

  @Override
  public synchronized void schedule(EmailMessage message, AutoReplyRuleId rule, int ruleVersion, UUID templateId) {
    scheduled.add(new Scheduled(message, rule, ruleVersion, templateId));
  }

  @Override
  public synchronized void suppressed(EmailMessage message, AutoReplyRuleId rule, int ruleVersion, UUID templateId,
      String reason) {
    suppressed.add(new Suppressed(message, rule, ruleVersion, templateId, reason));
  }

  @Override
  public synchronized void draft(EmailMessage message, AutoReplyRuleId rule, UUID templateIdOrNull, boolean llm) {
    drafted.add(new Drafted(message, rule, templateIdOrNull, llm));
  }

  @Override
  public TriageContext.ReplyHistory forUser(UserId user) {
    return (rule, address) -> lastReply(rule, address);
  }

  synchronized void repliedBefore(AutoReplyRuleId rule, String address, Instant at) {
    lastReplies.put(rule + " " + address, at);
  }

  private synchronized Optional<Instant> lastReply(AutoReplyRuleId rule, String address) {
    return Optional.ofNullable(lastReplies.get(rule + " " + address));
  }

  synchronized List<Scheduled> scheduled() {
    return List.copyOf(scheduled);
  }

  synchronized List<Suppressed> suppressed() {
    return List.copyOf(suppressed);
  }

  synchronized List<Drafted> drafted() {
    return List.copyOf(drafted);
  }
}
