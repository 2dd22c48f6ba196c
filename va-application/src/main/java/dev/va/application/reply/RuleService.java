package dev.va.application.reply;

import dev.va.application.ConflictException;
import dev.va.application.NotFoundException;
import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.port.in.AutoReplyUseCases.AutoReplyHistory;
import dev.va.application.port.in.RuleUseCases;
import dev.va.application.port.in.RuleUseCases.CreateRule;
import dev.va.application.port.in.RuleUseCases.CreateRuleCommand;
import dev.va.application.port.in.RuleUseCases.DeleteRule;
import dev.va.application.port.in.RuleUseCases.GetRule;
import dev.va.application.port.in.RuleUseCases.ListRuleVersions;
import dev.va.application.port.in.RuleUseCases.ListRules;
import dev.va.application.port.in.RuleUseCases.PreviewMatch;
import dev.va.application.port.in.RuleUseCases.PreviewRule;
import dev.va.application.port.in.RuleUseCases.RulePreview;
import dev.va.application.port.in.RuleUseCases.UpdateRule;
import dev.va.application.port.in.RuleUseCases.UpdateRuleCommand;
import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.Classifier;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.MessageQuery;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.application.port.out.ReplyTemplateRepository;
import dev.va.application.port.out.UserCategoryRepository;
import dev.va.application.port.out.UserRepository;
import dev.va.application.triage.TriageContext;
import dev.va.application.triage.TriageEngine;
import dev.va.application.triage.TriageOutcome;
import dev.va.application.triage.TriageOutcome.AutoReplyPlan;
import dev.va.application.triage.autoreply.AutoReplyPolicy.Decision;
import dev.va.application.triage.rules.RuleAction;
import dev.va.application.triage.rules.RuleDocument;
import dev.va.application.triage.rules.RuleProblem;
import dev.va.application.triage.rules.RuleSet;
import dev.va.application.triage.rules.RuleValidationException;
import dev.va.domain.mail.CategorySet;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.reply.ReplyTemplateId;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Rules: validated in full on every change (the grammar, and that each template named is one of the user's),
 * stored as a new version each time, and previewed against stored messages with the triage engine's dry run.
 */
public final class RuleService implements CreateRule, ListRules, GetRule, UpdateRule, DeleteRule, ListRuleVersions,
    PreviewRule {
  static final String PREVIEW_NAME = "preview";

  private final AutoReplyRuleRepository rules;
  private final ReplyTemplateRepository templates;
  private final EmailMessageRepository messages;
  private final EmailAccountRepository accounts;
  private final UserRepository users;
  private final UserCategoryRepository categories;
  private final AutoReplyHistory history;
  private final Function<UserId, Classifier> classifiers;
  private final AuditTrail audit;
  private final Clock clock;

  /** @param classifiers the local classifier of a user, for previewed messages triage has not seen yet */
  public RuleService(AutoReplyRuleRepository rules, ReplyTemplateRepository templates,
      EmailMessageRepository messages, EmailAccountRepository accounts, UserRepository users,
      UserCategoryRepository categories, AutoReplyHistory history, Function<UserId, Classifier> classifiers,
      AuditTrail audit, Clock clock) {
    this.rules = rules;
    this.templates = templates;
    this.messages = messages;
    this.accounts = accounts;
    this.users = users;
    this.categories = categories;
    this.history = history;
    this.classifiers = classifiers;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public AutoReplyRule create(CreateRuleCommand command) {
    validate(command.user(), command.document());
    Instant now = clock.instant();
    AutoReplyRule rule = new AutoReplyRule(AutoReplyRuleId.random(), command.user(), command.name(),
        command.priority(), command.enabled(), 1, command.document(), now, now);
    rules.insert(rule);
    audit.record(command.user(), "rule.created", "rule", rule.id().toString(), command.meta(),
        Map.of("version", "1"));
    return rule;
  }

  @Override
  public List<AutoReplyRule> list(UserId user) {
    return rules.listByUser(user);
  }

  @Override
  public AutoReplyRule get(UserId user, AutoReplyRuleId rule) {
    return rules.findById(user, rule).orElseThrow(() -> new NotFoundException("rule"));
  }

  @Override
  public AutoReplyRule update(UpdateRuleCommand command) {
    AutoReplyRule current = get(command.user(), command.rule());
    if (command.expectedVersion() != null && command.expectedVersion() != current.version()) {
      throw conflict("the rule is at version " + current.version() + ", not " + command.expectedVersion());
    }
    AutoReplyRule next = current.revise(
        command.name() == null ? current.name() : command.name(),
        command.priority() == null ? current.priority() : command.priority(),
        command.enabled() == null ? current.enabled() : command.enabled(),
        command.document() == null ? current.document() : command.document(),
        clock.instant());
    // a stored document was valid; a rule whose template went away can still be renamed or switched off
    if (command.document() != null) validate(command.user(), next.document());
    if (!rules.update(next)) throw conflict("the rule was changed meanwhile; load it and try again");
    audit.record(command.user(), "rule.changed", "rule", next.id().toString(), command.meta(),
        Map.of("version", Integer.toString(next.version())));
    return next;
  }

  @Override
  public void delete(UserId user, AutoReplyRuleId rule, RequestMeta meta) {
    if (!rules.delete(user, rule)) throw new NotFoundException("rule");
    audit.record(user, "rule.deleted", "rule", rule.toString(), meta);
  }

  @Override
  public List<AutoReplyRule> versions(UserId user, AutoReplyRuleId rule) {
    List<AutoReplyRule> versions = rules.versions(user, rule);
    if (versions.isEmpty()) throw new NotFoundException("rule");
    return versions;
  }

  @Override
  public AutoReplyRule version(UserId user, AutoReplyRuleId rule, int version) {
    return rules.findVersion(user, rule, version).orElseThrow(() -> new NotFoundException("rule version"));
  }

  @Override
  public RulePreview preview(UserId user, AutoReplyRuleId id, int count) {
    AutoReplyRule rule = get(user, id);
    return preview(user, rule, true, count);
  }

  @Override
  public RulePreview previewUnsaved(UserId user, String name, String document, int count) {
    if (document == null) throw new DomainValidationException("document", "document is required");
    validate(user, document);
    Instant now = clock.instant();
    AutoReplyRule rule = new AutoReplyRule(AutoReplyRuleId.random(), user, name == null ? PREVIEW_NAME : name, 0,
        true, 1, document, now, now);
    return preview(user, rule, false, count);
  }

  /**
   * The grammar's problems, one per category that is neither built in nor the user's, and one per template id that is
   * not one of the user's templates.
   */
  private void validate(UserId user, String document) {
    CategorySet own = new CategorySet(categories.listByUser(user));
    List<RuleAction> actions = RuleDocument.parse(document, own::allows).actions();
    List<RuleProblem> problems = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      UUID template = actions.get(i) instanceof RuleAction.AutoReply reply ? reply.template()
          : actions.get(i) instanceof RuleAction.DraftReply draft ? draft.template() : null;
      if (template != null && templates.findById(user, new ReplyTemplateId(template)).isEmpty()) {
        problems.add(new RuleProblem("$.then[" + i + "].template", "no template of yours has the id " + template));
      }
    }
    if (!problems.isEmpty()) throw new RuleValidationException(problems);
  }

  private RulePreview preview(UserId user, AutoReplyRule rule, boolean saved, int count) {
    if (count < 1 || count > RuleUseCases.MAX_PREVIEW_MESSAGES) {
      throw new DomainValidationException("messages", "messages must be between 1 and "
          + RuleUseCases.MAX_PREVIEW_MESSAGES);
    }
    // the rule alone, enabled, so a disabled rule can be tried before switching it on
    RuleSet set = RuleSet.compile(List.of(new AutoReplyRule(rule.id(), rule.userId(), rule.name(), rule.priority(),
        true, rule.version(), rule.document(), rule.createdAt(), rule.updatedAt())));
    if (!set.invalid().isEmpty()) throw new RuleValidationException(set.invalid().get(0).problems());
    List<EmailMessage> latest = latest(user, count);
    TriageContext context = new TriageContext(UserAddresses.of(user, accounts, users),
        new CategorySet(categories.listByUser(user)), history.forUser(user));
    List<TriageOutcome> outcomes = TriageEngine.localOnly(classifiers.apply(user), clock)
        .dryRun(set, latest, context);
    List<PreviewMatch> matches = new ArrayList<>();
    for (int i = 0; i < latest.size(); i++) {
      TriageOutcome outcome = outcomes.get(i);
      if (!outcome.ruleApplications().isEmpty()) matches.add(new PreviewMatch(latest.get(i), gated(user, outcome)));
    }
    return new RulePreview(rule, saved, latest.size(), matches);
  }

  /** The policy's verdict, and the template gate the outbox applies: only an approved template is ever sent. */
  private TriageOutcome gated(UserId user, TriageOutcome outcome) {
    Optional<AutoReplyPlan> plan = outcome.autoReply();
    if (plan.isEmpty() || !plan.get().decision().send()) return outcome;
    boolean approved = templates.findById(user, new ReplyTemplateId(plan.get().template()))
        .filter(ReplyTemplate::approved).isPresent();
    if (approved) return outcome;
    AutoReplyPlan p = plan.get();
    AutoReplyPlan gated = new AutoReplyPlan(p.ruleId(), p.ruleVersion(), p.template(), p.replyTo(),
        new Decision(Decision.Verdict.SUPPRESSED, AutoReplyService.TEMPLATE_NOT_APPROVED));
    return new TriageOutcome(outcome.messageId(), outcome.category(), outcome.confidence(), outcome.needsReply(),
        outcome.flagged(), outcome.classifiedBy(), outcome.reasons(), outcome.ruleApplications(), outcome.actions(),
        Optional.of(gated));
  }

  private List<EmailMessage> latest(UserId user, int count) {
    List<EmailMessage> found = new ArrayList<>();
    String cursor = null;
    do {
      int limit = Math.min(PageRequest.MAX_LIMIT, count - found.size());
      Page<EmailMessage> page = messages.list(new MessageQuery(user, null, null, null, null, null, null, null,
          new PageRequest(limit, cursor)));
      found.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null && found.size() < count);
    return found;
  }


  private static ConflictException conflict(String message) {
    return new ConflictException("version_conflict", message);
  }
}
