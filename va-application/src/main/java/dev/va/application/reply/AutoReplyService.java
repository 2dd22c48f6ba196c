package dev.va.application.reply;

import dev.va.application.port.in.AutoReplyUseCases.AutoReplyHistory;
import dev.va.application.port.in.AutoReplyUseCases.RecordSuppressedAutoReply;
import dev.va.application.port.in.AutoReplyUseCases.ScheduleAutoReply;
import dev.va.application.port.out.AutoReplyOutbox;
import dev.va.application.port.out.AutoReplyOutbox.LastReply;
import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.JobQueue;
import dev.va.application.port.out.ReplyTemplateRepository;
import dev.va.application.port.out.UserRepository;
import dev.va.application.triage.TriageContext.ReplyHistory;
import dev.va.application.triage.autoreply.AutoReplyBuilder;
import dev.va.application.triage.autoreply.AutoReplyPolicy;
import dev.va.application.triage.rules.RuleAction;
import dev.va.application.triage.rules.RuleDocument;
import dev.va.application.triage.rules.RuleValidationException;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.reply.OutboxEntry;
import dev.va.domain.reply.OutboxStatus;
import dev.va.domain.reply.ReplyMessage;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.reply.ReplyTemplateId;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox side of triage: a rule's auto-reply becomes one outbox entry per rule and message, pending (and its send
 * job queued) or suppressed with the reason. Before queueing, the reply is decided again from what is stored: the
 * template must be an approved one of the user, no other rule may have answered the message, and the policy must
 * allow it with the outbox's own record of earlier replies. Also answers, from the outbox, when a rule last
 * replied to an address.
 */
public final class AutoReplyService implements ScheduleAutoReply, RecordSuppressedAutoReply, AutoReplyHistory {
  /** The longest period a rule may set: history beyond it never matters. */
  static final Duration MAX_PERIOD = Duration.ofDays(RuleDocument.MAX_PERIOD_DAYS);
  static final String TEMPLATE_NOT_APPROVED = "template not approved";

  private final AutoReplyRuleRepository rules;
  private final ReplyTemplateRepository templates;
  private final EmailAccountRepository accounts;
  private final UserRepository users;
  private final AutoReplyOutbox outbox;
  private final JobQueue queue;
  private final Clock clock;

  public AutoReplyService(AutoReplyRuleRepository rules, ReplyTemplateRepository templates,
      EmailAccountRepository accounts, UserRepository users, AutoReplyOutbox outbox, JobQueue queue, Clock clock) {
    this.rules = rules;
    this.templates = templates;
    this.accounts = accounts;
    this.users = users;
    this.outbox = outbox;
    this.queue = queue;
    this.clock = clock;
  }

  @Override
  public void schedule(EmailMessage message, AutoReplyRuleId rule, int ruleVersion, UUID templateId) {
    UserId owner = message.userId();
    ReplyTemplateId template = new ReplyTemplateId(templateId);
    Optional<OutboxEntry> known = outbox.findAutoReply(owner, rule, message.id());
    if (known.isPresent()) {
      resume(known.get());
      return;
    }
    Instant now = clock.instant();
    Optional<EmailAccount> account = accounts.findById(owner, message.accountId());
    Optional<ReplyTemplate> approved = templates.findById(owner, template).filter(ReplyTemplate::approved);
    Optional<ReplyMessage> reply = approved.flatMap(t -> ReplyText.write(message, t));
    String suppression = account.isEmpty() ? "the mail account is no longer connected"
        : approved.isEmpty() ? TEMPLATE_NOT_APPROVED
        : reply.isEmpty() ? "no address to reply to"
        : outbox.hasAutoReply(owner, message.id()) ? "already auto-replied to this message"
        : policyRefusal(message, rule, ruleVersion, templateId, now).orElse(null);
    OutboxEntry entry = suppression != null
        ? suppressedEntry(message, rule, ruleVersion, template, suppression, now)
        : OutboxEntry.autoReply(owner, rule, ruleVersion, message.id(), template, message.accountId(), reply.get(),
            messageIdHeader(account.get()), now);
    if (suppression != null) {
      outbox.insertIfAbsent(entry);
    } else if (!outbox.insertUnlessRepliedSince(entry, now.minus(period(owner, rule, ruleVersion, templateId)))) {
      // another message of this sender got this rule's reply first (perhaps on another worker, at the same moment)
      outbox.insertIfAbsent(suppressedEntry(message, rule, ruleVersion, template,
          "this sender already got an auto-reply from this rule within the period", now));
    }
    // whoever stored the entry first (this call, or a concurrent one) decided; queueing its send again adds nothing
    outbox.findAutoReply(owner, rule, message.id()).ifPresent(this::resume);
  }

  @Override
  public void suppressed(EmailMessage message, AutoReplyRuleId rule, int ruleVersion, UUID templateId,
      String reason) {
    outbox.insertIfAbsent(suppressedEntry(message, rule, ruleVersion, new ReplyTemplateId(templateId), reason,
        clock.instant()));
  }

  /** Kept with whom and about what the reply would have been, so the outbox shows what was held back. */
  private static OutboxEntry suppressedEntry(EmailMessage message, AutoReplyRuleId rule, int ruleVersion,
      ReplyTemplateId template, String reason, Instant now) {
    return OutboxEntry.suppressed(message.userId(), rule, ruleVersion, message.id(), template, message.accountId(),
        ReplyText.unsent(message), reason, now);
  }

  @Override
  public ReplyHistory forUser(UserId user) {
    Map<List<Object>, Instant> last = new HashMap<>();
    for (LastReply reply : outbox.lastAutoReplies(user, clock.instant().minus(MAX_PERIOD))) {
      last.put(List.of(reply.rule(), reply.recipient()), reply.at());
    }
    return (rule, address) -> Optional.ofNullable(last.get(List.of(rule, address.toLowerCase(Locale.ROOT))));
  }

  /** A Message-ID at the account's domain, chosen before sending so the mail is known whatever happens then. */
  static String messageIdHeader(EmailAccount account) {
    return "<" + UUID.randomUUID() + "@" + account.address().domain() + ">";
  }

  private void resume(OutboxEntry entry) {
    if (entry.status() == OutboxStatus.PENDING) ReplyJobs.enqueueSend(queue, entry, clock.instant());
  }

  /** The policy's objection with this rule version's period, and the outbox's record of earlier replies. */
  private Optional<String> policyRefusal(EmailMessage message, AutoReplyRuleId rule, int ruleVersion,
      UUID templateId, Instant now) {
    UserId owner = message.userId();
    Optional<AutoReplyRule> version = rules.findVersion(owner, rule, ruleVersion);
    if (version.isEmpty()) return Optional.of("rule version " + ruleVersion + " is unknown");
    Duration period;
    try {
      period = period(version.get(), templateId);
    } catch (RuleValidationException e) {
      return Optional.of("rule version " + ruleVersion + " no longer compiles");
    }
    if (period == null) return Optional.of("rule version " + ruleVersion + " has no auto_reply with this template");
    Optional<Instant> last = AutoReplyBuilder.replyAddress(message)
        .flatMap(address -> forUser(owner).lastAutoReply(rule, address));
    AutoReplyPolicy.Decision decision = new AutoReplyPolicy(period)
        .decide(message, UserAddresses.of(owner, accounts, users), last, now);
    return decision.send() ? Optional.empty() : Optional.of(decision.reason());
  }

  /** The one-reply-per-sender period of the rule version's auto_reply with this template (null: none). */
  private static Duration period(AutoReplyRule version, UUID templateId) {
    return RuleDocument.parse(version.document()).actions().stream()
        .filter(a -> a instanceof RuleAction.AutoReply r && r.template().equals(templateId))
        .map(a -> ((RuleAction.AutoReply) a).period())
        .findFirst().orElse(null);
  }

  /** Only called once the policy allowed the reply, so the version exists and has the action. */
  private Duration period(UserId owner, AutoReplyRuleId rule, int ruleVersion, UUID templateId) {
    return period(rules.findVersion(owner, rule, ruleVersion).orElseThrow(), templateId);
  }
}
