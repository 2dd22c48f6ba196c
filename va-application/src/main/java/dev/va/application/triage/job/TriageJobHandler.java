package dev.va.application.triage.job;

import dev.va.application.job.JobContext;
import dev.va.application.job.JobHandler;
import dev.va.application.job.JobRejectedException;
import dev.va.application.json.Json;
import dev.va.application.json.JsonValue;
import dev.va.application.json.JsonValue.JsonNumber;
import dev.va.application.json.JsonValue.JsonObject;
import dev.va.application.json.JsonValue.JsonString;
import dev.va.application.port.in.AutoReplyUseCases.AutoReplyHistory;
import dev.va.application.port.in.AutoReplyUseCases.CreateDraft;
import dev.va.application.port.in.AutoReplyUseCases.RecordSuppressedAutoReply;
import dev.va.application.port.in.AutoReplyUseCases.ScheduleAutoReply;
import dev.va.application.port.out.AppliedRule;
import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.LlmClassifier;
import dev.va.application.port.out.MailProvider;
import dev.va.application.port.out.MailProvider.MailProviderException;
import dev.va.application.port.out.UserCategoryRepository;
import dev.va.application.port.out.UserRepository;
import dev.va.application.port.out.WebhookSender;
import dev.va.application.port.out.WebhookSender.WebhookException;
import dev.va.application.triage.TriageContext;
import dev.va.application.triage.TriageEngine;
import dev.va.application.triage.TriageOutcome;
import dev.va.application.triage.model.ClassifierModels;
import dev.va.application.triage.rules.RuleAction;
import dev.va.application.triage.rules.RuleApplication;
import dev.va.application.triage.rules.RuleProblem;
import dev.va.application.triage.rules.RuleSet;
import dev.va.domain.mail.AccountStatus;
import dev.va.domain.mail.CategorySet;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.MailProviderType;
import dev.va.domain.mail.Triage;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs triage on one synced message ({@code mail.triage}, payload {@link TriagePayload}): classifies it with the
 * user's models (and the language model when one is configured and local confidence is low) into one of the
 * built-in categories or the user's own, runs the user's enabled rules, carries out their actions at the mail
 * server, hands an auto-reply (to send, or to record as suppressed with the policy's reason) and any drafts to the
 * reply side, calls webhooks, and finally stores the triage with the rules that fired.
 *
 * <p>Every side effect runs inside {@link JobContext#once} under {@code triage:<message id>:<action>}, so a job
 * delivered twice, or retried after a failure, performs each effect once. The message is marked processed only
 * after all of them, and a processed message is left alone, so running the job again later changes nothing. A
 * retry decides afresh (the classification may differ if the user's model changed meanwhile); effects already done
 * are not repeated.
 *
 * <p>Failures: a mail server error fails the attempt (retried with backoff); refused credentials put the account in
 * NEEDS_REAUTH and end the job, leaving the message unprocessed (the sync queues its triage again once the account
 * works); a webhook that cannot succeed (4xx, forbidden address) is noted in the reasons, one that may succeed later
 * fails the attempt. Stored rules that no longer compile are skipped and named in the reasons.
 */
public final class TriageJobHandler implements JobHandler {
  public static final String TYPE = "mail.triage";

  private static final System.Logger LOG = System.getLogger(TriageJobHandler.class.getName());

  /**
   * The reply side, where this process has it; without a part, its actions are skipped and noted (a suppression
   * is in the message's reasons either way).
   */
  public record Replies(Optional<ScheduleAutoReply> autoReply, Optional<RecordSuppressedAutoReply> suppressions,
      Optional<CreateDraft> drafts, Optional<AutoReplyHistory> history) {
    public Replies {
      Objects.requireNonNull(autoReply, "autoReply");
      Objects.requireNonNull(suppressions, "suppressions");
      Objects.requireNonNull(drafts, "drafts");
      Objects.requireNonNull(history, "history");
    }

    public static Replies none() {
      return new Replies(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  /** The language model and the local confidence below which it is asked. */
  public record Llm(Optional<LlmClassifier> classifier, double threshold) {
    public Llm {
      Objects.requireNonNull(classifier, "classifier");
      if (!(threshold >= 0 && threshold <= 1)) throw new IllegalArgumentException("threshold in [0, 1]");
    }

    public static Llm none() {
      return new Llm(Optional.empty(), TriageEngine.DEFAULT_LLM_THRESHOLD);
    }
  }

  private final EmailMessageRepository messages;
  private final EmailAccountRepository accounts;
  private final AutoReplyRuleRepository rules;
  private final UserRepository users;
  private final UserCategoryRepository categories;
  private final Map<MailProviderType, MailProvider> providers;
  private final ClassifierModels models;
  private final Llm llm;
  private final Replies replies;
  private final WebhookSender webhooks;
  private final Clock clock;

  public TriageJobHandler(EmailMessageRepository messages, EmailAccountRepository accounts,
      AutoReplyRuleRepository rules, UserRepository users, UserCategoryRepository categories,
      Map<MailProviderType, MailProvider> providers, ClassifierModels models, Llm llm, Replies replies,
      WebhookSender webhooks, Clock clock) {
    this.messages = Objects.requireNonNull(messages, "messages");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.users = Objects.requireNonNull(users, "users");
    this.categories = Objects.requireNonNull(categories, "categories");
    this.providers = Map.copyOf(providers);
    this.models = Objects.requireNonNull(models, "models");
    this.llm = Objects.requireNonNull(llm, "llm");
    this.replies = Objects.requireNonNull(replies, "replies");
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void handle(JobContext context) {
    TriagePayload payload = TriagePayload.parse(context.payload());
    Optional<EmailMessage> found = messages.findForSystem(payload.messageId());
    if (found.isEmpty()) {
      LOG.log(System.Logger.Level.DEBUG, "message {0} is gone; nothing to triage", payload.messageId());
      return;
    }
    EmailMessage message = found.get();
    if (!message.accountId().equals(payload.accountId())) {
      throw new JobRejectedException("message " + message.id() + " is not of account " + payload.accountId());
    }
    if (message.triage().processed()) return;
    Optional<EmailAccount> account = accounts.findById(message.userId(), message.accountId());
    if (account.isEmpty()) return;
    AccountStatus status = account.get().status();
    if (status == AccountStatus.NEEDS_REAUTH || status == AccountStatus.DISABLED) {
      LOG.log(System.Logger.Level.INFO, "account {0} is {1}: triage of message {2} waits",
          account.get().id(), status, message.id());
      return;
    }
    MailProvider provider = providers.get(account.get().provider());
    if (provider == null) throw new JobRejectedException("no mail provider for " + account.get().provider());
    new Run(context, message, account.get(), provider).run();
  }

  /** One message's triage. */
  private final class Run {
    private final JobContext context;
    private final EmailMessage message;
    private final EmailAccount account;
    private final MailProvider provider;
    private final String keyPrefix;
    private final List<String> notes = new ArrayList<>();

    Run(JobContext context, EmailMessage message, EmailAccount account, MailProvider provider) {
      this.context = context;
      this.message = message;
      this.account = account;
      this.provider = provider;
      this.keyPrefix = "triage:" + message.id() + ":";
    }

    void run() {
      UserId owner = message.userId();
      RuleSet ruleSet = RuleSet.compile(rules.listByUser(owner));
      for (RuleSet.InvalidRule invalid : ruleSet.invalid()) {
        String problems = invalid.problems().stream().map(RuleProblem::toString).collect(Collectors.joining("; "));
        notes.add("rule \"" + invalid.rule().name() + "\" v" + invalid.rule().version() + " skipped: invalid ("
            + problems + ")");
        LOG.log(System.Logger.Level.WARNING, "rule {0} v{1} of user {2} does not compile and is skipped: {3}",
            invalid.rule().id(), invalid.rule().version(), owner, problems);
      }
      CategorySet allowed = new CategorySet(categories.listByUser(owner));
      TriageOutcome outcome = engine(owner, allowed).triage(message, ruleSet, triageContext(owner, allowed));
      Instant decided = clock.instant();
      EmailMessage classified = message.withTriage(outcome.applyTo(message.triage(), decided), decided);

      try {
        mailActions(outcome);
      } catch (MailProviderException e) {
        if (!e.authentication()) throw e;
        credentialsRefused(e);
        return;
      }
      autoReply(outcome, classified);
      for (RuleApplication application : outcome.ruleApplications()) {
        for (RuleAction action : application.actions()) {
          if (action instanceof RuleAction.DraftReply draft) draft(application, draft, classified);
          if (action instanceof RuleAction.Notify notify) notify(application, notify, outcome);
        }
      }

      Instant now = clock.instant();
      List<String> reasons = new ArrayList<>(outcome.reasons());
      reasons.addAll(notes);
      Triage triage = message.triage()
          .classified(outcome.category(), outcome.confidence(), outcome.needsReply(), reasons, now)
          .withFlagged(outcome.flagged());
      messages.saveTriage(message.withTriage(triage, now),
          outcome.ruleApplications().stream().map(TriageJobHandler::applied).toList());
    }

    /** Flag state, read state and labels first, then moves and archiving, in the order the rules gave them. */
    private void mailActions(TriageOutcome outcome) {
      String id = message.providerMessageId();
      List<RuleAction> actions = outcome.actions();
      if (actions.stream().anyMatch(a -> a instanceof RuleAction.Flag || a instanceof RuleAction.Unflag)) {
        context.once(keyPrefix + "flag", () -> provider.setFlagged(account, id, outcome.flagged()));
      }
      if (actions.stream().anyMatch(a -> a instanceof RuleAction.MarkRead)) {
        context.once(keyPrefix + "mark_read", () -> provider.markRead(account, id, true));
      }
      Set<String> labels = new LinkedHashSet<>();
      for (RuleAction action : actions) {
        if (action instanceof RuleAction.Label label) labels.add(label.value());
      }
      for (String label : labels) {
        context.once(keyPrefix + "label:" + label, () -> provider.addLabel(account, id, label));
      }
      Set<String> done = new HashSet<>();
      for (RuleAction action : actions) {
        if (action instanceof RuleAction.Move move && done.add("move:" + move.folder())) {
          context.once(keyPrefix + "move:" + move.folder(), () -> provider.moveTo(account, id, move.folder()));
        } else if (action instanceof RuleAction.Archive && done.add("archive")) {
          context.once(keyPrefix + "archive", () -> provider.archive(account, id));
        }
      }
    }

    /**
     * An allowed auto-reply goes to the outbox to be sent, a suppressed one to be shown with its reason. Both share
     * one effect key: whatever a retry decides, the rule's reply to this message is recorded once.
     */
    private void autoReply(TriageOutcome outcome, EmailMessage classified) {
      if (outcome.autoReply().isEmpty()) return;
      TriageOutcome.AutoReplyPlan plan = outcome.autoReply().get();
      if (!plan.decision().send()) {
        replies.suppressions().ifPresent(record -> context.once(keyPrefix + "auto_reply:" + plan.ruleId(),
            () -> record.suppressed(classified, plan.ruleId(), plan.ruleVersion(), plan.template(),
                plan.decision().reason())));
        return;
      }
      if (replies.autoReply().isEmpty()) {
        notes.add("auto-reply not queued: this process has no reply service");
        return;
      }
      context.once(keyPrefix + "auto_reply:" + plan.ruleId(), () -> replies.autoReply().get()
          .schedule(classified, plan.ruleId(), plan.ruleVersion(), plan.template()));
    }

    private void draft(RuleApplication application, RuleAction.DraftReply draft, EmailMessage classified) {
      if (replies.drafts().isEmpty()) {
        notes.add("draft of rule \"" + application.ruleName() + "\" not created: this process has no reply service");
        return;
      }
      context.once(keyPrefix + "draft:" + application.ruleId(),
          () -> replies.drafts().get().draft(classified, application.ruleId(), draft.template(), draft.llm()));
    }

    private void notify(RuleApplication application, RuleAction.Notify notify, TriageOutcome outcome) {
      String result = context.once(keyPrefix + "notify:" + application.ruleId() + ":" + notify.url(), () -> {
        try {
          webhooks.post(notify.url(), WebhookSummary.of(message, outcome, application, clock.instant()));
          return "delivered";
        } catch (WebhookException e) {
          if (!e.permanent()) throw e;
          return "not delivered: " + e.getMessage();
        }
      });
      if (result != null && !result.equals("delivered")) notes.add("notify " + notify.url() + " " + result);
    }

    private void credentialsRefused(MailProviderException e) {
      Instant now = clock.instant();
      LOG.log(System.Logger.Level.WARNING, "mail server of account {0} refused the credentials; triage of {1} waits",
          account.id(), message.id());
      accounts.findById(account.userId(), account.id()).ifPresent(current -> accounts.update(current.withStatus(
          AccountStatus.NEEDS_REAUTH, "the mail server refused the credentials: " + e.getMessage(), now)));
    }
  }

  private TriageEngine engine(UserId owner, CategorySet allowed) {
    var classifier = models.classifier(owner).restrictedTo(allowed);
    return llm.classifier()
        .map(l -> TriageEngine.withLlm(classifier, l, llm.threshold(), clock))
        .orElseGet(() -> TriageEngine.localOnly(classifier, clock));
  }

  private TriageContext triageContext(UserId owner, CategorySet allowed) {
    Set<EmailAddress> addresses = new LinkedHashSet<>();
    accounts.listByUser(owner).forEach(a -> addresses.add(a.address()));
    users.findById(owner).map(User::email).ifPresent(addresses::add);
    TriageContext.ReplyHistory history = replies.history().map(h -> h.forUser(owner))
        .orElse(TriageContext.ReplyHistory.NONE);
    return new TriageContext(addresses, allowed, history);
  }

  /** A fired rule as the message keeps it; action parameters as text. */
  static AppliedRule applied(RuleApplication application) {
    List<AppliedRule.Action> actions = new ArrayList<>();
    for (RuleAction action : application.actions()) {
      Map<String, String> parameters = new LinkedHashMap<>();
      if (action.toJson() instanceof JsonObject object) {
        object.members().forEach((name, value) -> {
          if (!name.equals("action")) parameters.put(name, text(value));
        });
      }
      actions.add(new AppliedRule.Action(action.name(), parameters));
    }
    return new AppliedRule(application.ruleId(), application.ruleVersion(), application.ruleName(),
        application.matched(), actions);
  }

  private static String text(JsonValue value) {
    if (value instanceof JsonString s) return s.value();
    if (value instanceof JsonNumber n) return n.value().toPlainString();
    return Json.write(value);
  }
}
