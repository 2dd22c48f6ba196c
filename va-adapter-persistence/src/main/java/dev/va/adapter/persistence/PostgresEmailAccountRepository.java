package dev.va.adapter.persistence;

import dev.va.application.port.out.EmailAccountRepository;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.mail.EmailAccountId;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/** Mail accounts in PostgreSQL. */
public final class PostgresEmailAccountRepository implements EmailAccountRepository {
  private final Database database;

  public PostgresEmailAccountRepository(Database database) {
    this.database = database;
  }

  @Override
  public void insert(EmailAccount account) {
    database.run(EmailAccountMapper.class, mapper -> mapper.insert(EmailAccountRow.of(account)));
  }

  @Override
  public void update(EmailAccount account) {
    database.run(EmailAccountMapper.class, mapper -> mapper.update(EmailAccountRow.of(account)));
  }

  @Override
  public Optional<EmailAccount> findById(UserId owner, EmailAccountId id) {
    return Optional.ofNullable(database.call(EmailAccountMapper.class,
        mapper -> mapper.findById(owner.value(), id.value()))).map(EmailAccountRow::toDomain);
  }

  @Override
  public Optional<EmailAccount> findForSystem(EmailAccountId id) {
    return Optional.ofNullable(database.call(EmailAccountMapper.class, mapper -> mapper.findForSystem(id.value())))
        .map(EmailAccountRow::toDomain);
  }

  @Override
  public List<EmailAccount> listByUser(UserId owner) {
    return database.call(EmailAccountMapper.class, mapper -> mapper.listByUser(owner.value())).stream()
        .map(EmailAccountRow::toDomain).toList();
  }

  @Override
  public List<EmailAccount> listAll() {
    return database.call(EmailAccountMapper.class, EmailAccountMapper::listAll).stream()
        .map(EmailAccountRow::toDomain).toList();
  }

  @Override
  public boolean delete(UserId owner, EmailAccountId id) {
    return database.call(EmailAccountMapper.class, mapper -> mapper.delete(owner.value(), id.value())) > 0;
  }
}
