package dev.va.adapter.persistence;

import dev.va.application.port.out.UserRepository;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.util.Optional;

/** Users in PostgreSQL. */
public final class PostgresUserRepository implements UserRepository {
  private final Database database;

  public PostgresUserRepository(Database database) {
    this.database = database;
  }

  @Override
  public void insert(User user) {
    database.run(UserMapper.class, mapper -> mapper.insert(UserRow.of(user)));
  }

  @Override
  public void update(User user) {
    database.run(UserMapper.class, mapper -> mapper.update(UserRow.of(user)));
  }

  @Override
  public Optional<User> findById(UserId id) {
    return Optional.ofNullable(database.call(UserMapper.class, mapper -> mapper.findById(id.value())))
        .map(UserRow::toDomain);
  }

  @Override
  public Optional<User> findByEmail(EmailAddress email) {
    return Optional.ofNullable(database.call(UserMapper.class, mapper -> mapper.findByEmail(email.value())))
        .map(UserRow::toDomain);
  }

  @Override
  public Optional<User> findByUsername(String username) {
    return Optional.ofNullable(database.call(UserMapper.class, mapper -> mapper.findByUsername(username)))
        .map(UserRow::toDomain);
  }

  @Override
  public boolean delete(UserId id) {
    return database.call(UserMapper.class, mapper -> mapper.delete(id.value())) > 0;
  }
}
