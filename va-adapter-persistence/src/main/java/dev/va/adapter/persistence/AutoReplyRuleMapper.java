package dev.va.adapter.persistence;

import java.util.List;
import java.util.UUID;

/** Statements on {@code auto_reply_rules}, in AutoReplyRuleMapper.xml. */
interface AutoReplyRuleMapper {
  void insert(AutoReplyRuleRow row);

  /** @return 1 when the stored version was the row's previous one, else 0 */
  int updateVersion(AutoReplyRuleRow row);

  AutoReplyRuleRow findById(UUID userId, UUID id);

  List<AutoReplyRuleRow> listByUser(UUID userId);

  int delete(UUID userId, UUID id);
}
