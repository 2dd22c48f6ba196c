package dev.va.application.fake;

import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.UserCategoryRepository;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.UserCategory;
import dev.va.domain.user.UserId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Users' categories in memory, unique per owner and name as in the database. */
public final class InMemoryUserCategoryRepository implements UserCategoryRepository, OwnedByUser {
  private static final Comparator<UserCategory> OLDEST_FIRST = Comparator.comparing(UserCategory::createdAt)
      .thenComparing(c -> c.name().name());

  private record Key(UserId owner, Category name) {}

  private final Map<Key, UserCategory> categories = new LinkedHashMap<>();

  @Override
  public synchronized boolean insert(UserCategory category, int limit) {
    Key key = new Key(category.userId(), category.name());
    if (categories.containsKey(key)) throw new DuplicateException("name", "name is already taken");
    if (listByUser(category.userId()).size() >= limit) return false;
    categories.put(key, category);
    return true;
  }

  @Override
  public synchronized boolean update(UserCategory category) {
    Key key = new Key(category.userId(), category.name());
    if (!categories.containsKey(key)) return false;
    categories.put(key, category);
    return true;
  }

  @Override
  public synchronized Optional<UserCategory> find(UserId owner, Category name) {
    return Optional.ofNullable(categories.get(new Key(owner, name)));
  }

  @Override
  public synchronized List<UserCategory> listByUser(UserId owner) {
    return categories.values().stream().filter(c -> c.userId().equals(owner)).sorted(OLDEST_FIRST).toList();
  }

  @Override
  public synchronized boolean delete(UserId owner, Category name) {
    return categories.remove(new Key(owner, name)) != null;
  }

  @Override
  public synchronized void deleteOwnedBy(UserId owner) {
    categories.keySet().removeIf(k -> k.owner().equals(owner));
  }
}
