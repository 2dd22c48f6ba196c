package dev.va.adapter.persistence;

import dev.va.application.port.out.ClassifierModelStore;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;

/** Users' classifier models in PostgreSQL ({@code classifier_models}), removed with their user. */
public final class PostgresClassifierModelStore implements ClassifierModelStore {
  private final Database database;

  public PostgresClassifierModelStore(Database database) {
    this.database = database;
  }

  @Override
  public Optional<StoredModel> load(UserId user) {
    return Optional.ofNullable(database.call(ClassifierModelMapper.class, mapper -> mapper.find(user.value())))
        .map(row -> new StoredModel(row.model(), row.updatedAt()));
  }

  @Override
  public Optional<Instant> updatedAt(UserId user) {
    return Optional.ofNullable(database.call(ClassifierModelMapper.class, mapper -> mapper.updatedAt(user.value())));
  }

  @Override
  public void save(UserId user, StoredModel model) {
    database.run(ClassifierModelMapper.class,
        mapper -> mapper.upsert(new ClassifierModelRow(user.value(), model.model(), model.updatedAt())));
  }
}
