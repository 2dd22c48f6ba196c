package dev.va.adapter.persistence;

import java.util.List;
import java.util.UUID;

/** Statements on {@code reply_templates}, in ReplyTemplateMapper.xml. */
interface ReplyTemplateMapper {
  void insert(ReplyTemplateRow row);

  /** @return 1 when the stored version was the row's previous one, else 0 */
  int updateVersion(ReplyTemplateRow row);

  ReplyTemplateRow findById(UUID userId, UUID id);

  List<ReplyTemplateRow> listByUser(UUID userId);

  int delete(UUID userId, UUID id);
}
