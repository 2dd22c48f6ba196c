package dev.va.adapter.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Statements on {@code reply_drafts}, in ReplyDraftMapper.xml. */
interface ReplyDraftMapper {
  /** @return 0 when the rule already has a draft for the message */
  int insertIfAbsent(ReplyDraftRow row);

  /** @return 1 when the stored version was the row's previous one, else 0 */
  int updateVersion(ReplyDraftRow row);

  ReplyDraftRow findById(UUID userId, UUID id);

  List<ReplyDraftRow> list(UUID userId, String status, Instant cursorAt, UUID cursorId, int fetchSize);
}
