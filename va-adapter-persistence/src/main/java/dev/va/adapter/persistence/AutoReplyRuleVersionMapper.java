package dev.va.adapter.persistence;

import java.util.List;
import java.util.UUID;

/** Statements on {@code auto_reply_rule_versions}, in AutoReplyRuleVersionMapper.xml. */
interface AutoReplyRuleVersionMapper {
  void insert(AutoReplyRuleRow row);

  List<AutoReplyRuleRow> listByRule(UUID userId, UUID ruleId);

  AutoReplyRuleRow find(UUID userId, UUID ruleId, int version);
}
