package dev.va.adapter.persistence;

import dev.va.application.port.out.AppliedRule;
import dev.va.application.port.out.EmailMessageRepository;
import dev.va.application.port.out.MessageQuery;
import dev.va.application.port.out.Page;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.mail.EmailMessage;
import dev.va.domain.mail.EmailMessageId;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/** Messages in PostgreSQL. */
public final class PostgresEmailMessageRepository implements EmailMessageRepository {
  private final Database database;

  public PostgresEmailMessageRepository(Database database) {
    this.database = database;
  }

  @Override
  public boolean insertIfAbsent(EmailMessage message) {
    return database.call(EmailMessageMapper.class,
        mapper -> mapper.insertIfAbsent(EmailMessageRow.of(message))) > 0;
  }

  @Override
  public void update(EmailMessage message) {
    database.run(EmailMessageMapper.class, mapper -> mapper.update(EmailMessageRow.of(message)));
  }

  @Override
  public void markAutoReplySent(UserId owner, EmailMessageId id) {
    database.run(EmailMessageMapper.class, mapper -> mapper.markAutoReplySent(owner.value(), id.value()));
  }

  @Override
  public Optional<EmailMessage> findById(UserId owner, EmailMessageId id) {
    return Optional.ofNullable(database.call(EmailMessageMapper.class,
        mapper -> mapper.findById(owner.value(), id.value()))).map(EmailMessageRow::toDomain);
  }

  @Override
  public Optional<EmailMessage> findForSystem(EmailMessageId id) {
    return Optional.ofNullable(database.call(EmailMessageMapper.class, mapper -> mapper.findForSystem(id.value())))
        .map(EmailMessageRow::toDomain);
  }

  @Override
  public void saveTriage(EmailMessage message, List<AppliedRule> applied) {
    String rules = Json.writeRules(applied);
    database.run(EmailMessageMapper.class, mapper -> mapper.saveTriage(EmailMessageRow.of(message), rules));
  }

  @Override
  public List<AppliedRule> ruleApplications(UserId owner, EmailMessageId id) {
    String json = database.call(EmailMessageMapper.class, mapper -> mapper.ruleApplications(owner.value(), id.value()));
    return json == null ? List.of() : Json.rules(json);
  }

  @Override
  public Optional<EmailMessage> findByProviderId(EmailAccountId account, String providerMessageId) {
    return Optional.ofNullable(database.call(EmailMessageMapper.class,
        mapper -> mapper.findByProviderId(account.value(), providerMessageId))).map(EmailMessageRow::toDomain);
  }

  @Override
  public Page<EmailMessage> list(MessageQuery query) {
    EmailMessageFilter filter = EmailMessageFilter.of(query);
    return Pages.of(database.call(EmailMessageMapper.class, mapper -> mapper.list(filter)), query.page(),
        EmailMessageRow::receivedAt, EmailMessageRow::id, EmailMessageRow::toDomain);
  }
}
