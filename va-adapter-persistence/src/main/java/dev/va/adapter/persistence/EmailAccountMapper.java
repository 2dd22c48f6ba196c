package dev.va.adapter.persistence;

import java.util.List;
import java.util.UUID;

/** Statements on {@code email_accounts}, in EmailAccountMapper.xml. */
interface EmailAccountMapper {
  void insert(EmailAccountRow row);

  int update(EmailAccountRow row);

  EmailAccountRow findById(UUID userId, UUID id);

  EmailAccountRow findForSystem(UUID id);

  List<EmailAccountRow> listByUser(UUID userId);

  List<EmailAccountRow> listAll();

  int delete(UUID userId, UUID id);
}
