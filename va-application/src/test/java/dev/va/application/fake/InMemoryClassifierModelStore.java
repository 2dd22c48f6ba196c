package dev.va.application.fake;

import dev.va.application.port.out.ClassifierModelStore;
import dev.va.domain.user.UserId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Users' classifier models in memory; counts loads so tests can see a model is kept until it changes. */
public final class InMemoryClassifierModelStore implements ClassifierModelStore, OwnedByUser {
  private final Map<UserId, StoredModel> models = new LinkedHashMap<>();
  private int loads;

  @Override
  public synchronized Optional<StoredModel> load(UserId user) {
    loads++;
    return Optional.ofNullable(models.get(user));
  }

  @Override
  public synchronized Optional<Instant> updatedAt(UserId user) {
    return Optional.ofNullable(models.get(user)).map(StoredModel::updatedAt);
  }

  @Override
  public synchronized void save(UserId user, StoredModel model) {
    models.put(user, model);
  }

  @Override
  public synchronized void deleteOwnedBy(UserId owner) {
    models.remove(owner);
  }

  /** How often a model was read in full. */
  public synchronized int loads() {
    return loads;
  }
}
