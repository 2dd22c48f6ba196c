package dev.va.application.fake;

import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.UserRepository;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Users in memory. Deleting a user also clears the stores given as what users own. */
public final class InMemoryUserRepository implements UserRepository {
  private final Map<UserId, User> users = new LinkedHashMap<>();
  private final List<OwnedByUser> owned;

  public InMemoryUserRepository() {
    this(List.of());
  }

  public InMemoryUserRepository(List<OwnedByUser> owned) {
    this.owned = List.copyOf(owned);
  }

  @Override
  public synchronized void insert(User user) {
    if (users.containsKey(user.id())) throw new DuplicateException("id", "user id is taken");
    requireFree(user);
    users.put(user.id(), user);
  }

  @Override
  public synchronized void update(User user) {
    if (!users.containsKey(user.id())) return;
    requireFree(user);
    users.put(user.id(), user);
  }

  @Override
  public synchronized Optional<User> findById(UserId id) {
    return Optional.ofNullable(users.get(id));
  }

  @Override
  public synchronized Optional<User> findByEmail(EmailAddress email) {
    return users.values().stream().filter(user -> user.email().equals(email)).findFirst();
  }

  @Override
  public synchronized Optional<User> findByUsername(String username) {
    return users.values().stream().filter(user -> sameUsername(user.username(), username)).findFirst();
  }

  @Override
  public synchronized boolean delete(UserId id) {
    if (users.remove(id) == null) return false;
    owned.forEach(store -> store.deleteOwnedBy(id));
    return true;
  }

  private void requireFree(User user) {
    for (User other : users.values()) {
      if (other.id().equals(user.id())) continue;
      if (other.email().equals(user.email())) throw new DuplicateException("email", "email is taken");
      if (sameUsername(other.username(), user.username())) {
        throw new DuplicateException("username", "username is taken");
      }
    }
  }

  private static boolean sameUsername(String a, String b) {
    return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }
}
