package dev.va.application.fake;

import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.application.port.out.Cursor;
import dev.va.application.port.out.DuplicateException;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rules in memory, with the same optimistic versioning and version history as the database. */
public final class InMemoryAutoReplyRuleRepository implements AutoReplyRuleRepository, OwnedByUser {
  private static final Comparator<AutoReplyRule> RUN_ORDER = Comparator.comparingInt(AutoReplyRule::priority)
      .thenComparing(AutoReplyRule::createdAt)
      .thenComparing((a, b) -> Cursor.compareIds(a.id().value(), b.id().value()));

  private final Map<AutoReplyRuleId, AutoReplyRule> rules = new LinkedHashMap<>();
  private final List<AutoReplyRule> versions = new ArrayList<>();

  @Override
  public synchronized void insert(AutoReplyRule rule) {
    if (rules.containsKey(rule.id()) || versions.stream().anyMatch(v -> v.id().equals(rule.id()))) {
      throw new DuplicateException("id", "rule id is taken");
    }
    rules.put(rule.id(), rule);
    versions.add(rule);
  }

  @Override
  public synchronized boolean update(AutoReplyRule rule) {
    Optional<AutoReplyRule> stored = findById(rule.userId(), rule.id());
    if (stored.isEmpty() || stored.get().version() != rule.version() - 1) return false;
    rules.put(rule.id(), rule);
    versions.add(rule);
    return true;
  }

  @Override
  public synchronized Optional<AutoReplyRule> findById(UserId owner, AutoReplyRuleId id) {
    return Optional.ofNullable(rules.get(id)).filter(rule -> rule.userId().equals(owner));
  }

  @Override
  public synchronized List<AutoReplyRule> listByUser(UserId owner) {
    return rules.values().stream().filter(rule -> rule.userId().equals(owner)).sorted(RUN_ORDER).toList();
  }

  @Override
  public synchronized boolean delete(UserId owner, AutoReplyRuleId id) {
    return findById(owner, id).map(rule -> rules.remove(id)).isPresent();
  }

  @Override
  public synchronized List<AutoReplyRule> versions(UserId owner, AutoReplyRuleId id) {
    return versions.stream().filter(v -> v.id().equals(id) && v.userId().equals(owner))
        .sorted(Comparator.comparingInt(AutoReplyRule::version)).toList();
  }

  @Override
  public synchronized Optional<AutoReplyRule> findVersion(UserId owner, AutoReplyRuleId id, int version) {
    return versions(owner, id).stream().filter(v -> v.version() == version).findFirst();
  }

  @Override
  public synchronized void deleteOwnedBy(UserId owner) {
    rules.values().removeIf(rule -> rule.userId().equals(owner));
    versions.removeIf(rule -> rule.userId().equals(owner));
  }
}
