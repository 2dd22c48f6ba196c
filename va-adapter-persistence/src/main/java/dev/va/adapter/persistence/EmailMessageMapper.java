package dev.va.adapter.persistence;

import java.util.List;
import java.util.UUID;

/** Statements on {@code email_messages}, in EmailMessageMapper.xml. */
interface EmailMessageMapper {
  /** @return 1 when inserted, 0 when the account already had the provider message id */
  int insertIfAbsent(EmailMessageRow row);

  int update(EmailMessageRow row);

  int markAutoReplySent(UUID userId, UUID id);

  EmailMessageRow findById(UUID userId, UUID id);

  EmailMessageRow findForSystem(UUID id);

  /** Triage columns and rule applications only; {@code auto_reply_sent} is left as stored. */
  int saveTriage(EmailMessageRow row, String ruleApplications);

  String ruleApplications(UUID userId, UUID id);

  EmailMessageRow findByProviderId(UUID accountId, String providerMessageId);

  List<EmailMessageRow> list(EmailMessageFilter filter);
}
