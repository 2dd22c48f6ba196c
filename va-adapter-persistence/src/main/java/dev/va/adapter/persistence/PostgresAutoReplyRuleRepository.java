package dev.va.adapter.persistence;

import dev.va.application.port.out.AutoReplyRuleRepository;
import dev.va.domain.rule.AutoReplyRule;
import dev.va.domain.rule.AutoReplyRuleId;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/** Auto-reply rules in PostgreSQL, versioned optimistically. */
public final class PostgresAutoReplyRuleRepository implements AutoReplyRuleRepository {
  private final Database database;

  public PostgresAutoReplyRuleRepository(Database database) {
    this.database = database;
  }

  @Override
  public void insert(AutoReplyRule rule) {
    database.run(AutoReplyRuleMapper.class, mapper -> mapper.insert(AutoReplyRuleRow.of(rule)));
  }

  @Override
  public boolean update(AutoReplyRule rule) {
    return database.call(AutoReplyRuleMapper.class, mapper -> mapper.updateVersion(AutoReplyRuleRow.of(rule))) > 0;
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
}
