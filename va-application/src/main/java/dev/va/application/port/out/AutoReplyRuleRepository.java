package dev.va.application.port.out;

import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Rules of a user, listed in the order they run (priority, then creation time, then id). Every version stored is
 * also kept in the rule's history, also after the rule is deleted, so the version recorded with a rule's effect can
 * be shown later.
 */
public interface AutoReplyRuleRepository {
  void insert(AutoReplyRule rule);

  /**
   * Stores a new version. Optimistic: succeeds only if the stored version is {@code rule.version() - 1}.
   *
   * @return false when the rule is gone or was changed meanwhile
   */
  boolean update(AutoReplyRule rule);

  Optional<AutoReplyRule> findById(UserId owner, AutoReplyRuleId id);

  List<AutoReplyRule> listByUser(UserId owner);

  boolean delete(UserId owner, AutoReplyRuleId id);

  /** Every version of the rule ever stored, oldest first; empty for an unknown rule or another user's. */
  List<AutoReplyRule> versions(UserId owner, AutoReplyRuleId id);

  Optional<AutoReplyRule> findVersion(UserId owner, AutoReplyRuleId id, int version);
}
