package dev.va.adapter.persistence;

import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Auto-reply rules in PostgreSQL, versioned optimistically; each stored version is also written to
 * {@code auto_reply_rule_versions} in the same transaction.
 */
public final class PostgresAutoReplyRuleRepository implements AutoReplyRuleRepository {
  private final Database database;

  public PostgresAutoReplyRuleRepository(Database database) {
    this.database = database;
  }

  @Override
  public void insert(AutoReplyRule rule) {
    AutoReplyRuleRow row = AutoReplyRuleRow.of(rule);
    database.commitIf(session -> {
      session.getMapper(AutoReplyRuleMapper.class).insert(row);
      session.getMapper(AutoReplyRuleVersionMapper.class).insert(row);
      return true;
    });
  }

  @Override
  public boolean update(AutoReplyRule rule) {
    AutoReplyRuleRow row = AutoReplyRuleRow.of(rule);
    return database.commitIf(session -> {
      if (session.getMapper(AutoReplyRuleMapper.class).updateVersion(row) == 0) return false;
      session.getMapper(AutoReplyRuleVersionMapper.class).insert(row);
      return true;
    });
  }

  @Override
  public Optional<AutoReplyRule> findById(UserId owner, AutoReplyRuleId id) {
    return Optional.ofNullable(database.call(AutoReplyRuleMapper.class,
        mapper -> mapper.findById(owner.value(), id.value()))).map(AutoReplyRuleRow::toDomain);
  }

  @Override
  public List<AutoReplyRule> listByUser(UserId owner) {
    return database.call(AutoReplyRuleMapper.class, mapper -> mapper.listByUser(owner.value())).stream()
        .map(AutoReplyRuleRow::toDomain).toList();
  }

  @Override
  public boolean delete(UserId owner, AutoReplyRuleId id) {
    return database.call(AutoReplyRuleMapper.class, mapper -> mapper.delete(owner.value(), id.value())) > 0;
  }

  @Override
  public List<AutoReplyRule> versions(UserId owner, AutoReplyRuleId id) {
    return database.call(AutoReplyRuleVersionMapper.class, mapper -> mapper.listByRule(owner.value(), id.value()))
        .stream().map(AutoReplyRuleRow::toDomain).toList();
  }

  @Override
  public Optional<AutoReplyRule> findVersion(UserId owner, AutoReplyRuleId id, int version) {
    return Optional.ofNullable(database.call(AutoReplyRuleVersionMapper.class,
        mapper -> mapper.find(owner.value(), id.value(), version))).map(AutoReplyRuleRow::toDomain);
  }
}
