package dev.va.application.port.in;

import dev.va.application.RequestMeta;
import dev.va.application.triage.TriageEngine;
import dev.va.application.triage.TriageOutcome;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.shared.Require;
import dev.va.domain.user.UserId;
import java.util.List;

/**
 * A user's rules (docs/RULES.md): create, read, change (each change a new version, optimistically), delete, their
 * version history, and a preview of what a rule would do to the latest stored messages. A namespace: each nested
 * interface is one use case. A document that breaks the grammar, or names a template the user does not have, is a
 * {@code RuleValidationException} listing every problem; a change against a stale version is a
 * {@code ConflictException} ({@code version_conflict}); another user's rule is not found.
 */
public interface RuleUseCases {
  int DEFAULT_PREVIEW_MESSAGES = 50;
  int MAX_PREVIEW_MESSAGES = TriageEngine.MAX_DRY_RUN_MESSAGES;

  record CreateRuleCommand(UserId user, String name, int priority, boolean enabled, String document,
      RequestMeta meta) {
    public CreateRuleCommand {
      Require.nonNull(user, "user");
      Require.nonNull(document, "document");
    }
  }

  /**
   * Changes to a rule; every null keeps what the rule has. {@code expectedVersion}: the version the change was made
   * against (null: whatever is stored now).
   */
  record UpdateRuleCommand(UserId user, AutoReplyRuleId rule, Integer expectedVersion, String name, Integer priority,
      Boolean enabled, String document, RequestMeta meta) {
    public UpdateRuleCommand {
      Require.nonNull(user, "user");
      Require.nonNull(rule, "rule");
    }
  }

  /** A stored message the rule matches, and everything triage would decide for it. */
  record PreviewMatch(EmailMessage message, TriageOutcome outcome) {}

  /** The rule previewed (not stored when it came unsaved), how many messages were examined, and the matches. */
  record RulePreview(AutoReplyRule rule, boolean saved, int examined, List<PreviewMatch> matches) {
    public RulePreview {
      matches = List.copyOf(matches);
    }
  }

  interface CreateRule {
    AutoReplyRule create(CreateRuleCommand command);
  }

  /** In the order they run. */
  interface ListRules {
    List<AutoReplyRule> list(UserId user);
  }

  interface GetRule {
    AutoReplyRule get(UserId user, AutoReplyRuleId rule);
  }

  interface UpdateRule {
    AutoReplyRule update(UpdateRuleCommand command);
  }

  interface DeleteRule {
    void delete(UserId user, AutoReplyRuleId rule, RequestMeta meta);
  }

  /** Every stored version, oldest first, also of a deleted rule; not found when there is none. */
  interface ListRuleVersions {
    List<AutoReplyRule> versions(UserId user, AutoReplyRuleId rule);

    AutoReplyRule version(UserId user, AutoReplyRuleId rule, int version);
  }

  /**
   * What one rule alone would do to the user's latest {@code messages} stored messages (1 to
   * {@link #MAX_PREVIEW_MESSAGES}), a disabled one too. Changes nothing: no message, reply or job is touched.
   */
  interface PreviewRule {
    RulePreview preview(UserId user, AutoReplyRuleId rule, int messages);

    /** The same for a document not stored yet. */
    RulePreview previewUnsaved(UserId user, String name, String document, int messages);
  }
}
