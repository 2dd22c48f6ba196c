package dev.va.application.port.out;

import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.util.Optional;

/** Users. Email and username are unique (username case-insensitively). */
public interface UserRepository {
  /** @throws DuplicateException naming {@code email} or {@code username} when taken */
  void insert(User user);

  void update(User user);

  Optional<User> findById(UserId id);

  Optional<User> findByEmail(EmailAddress email);

  Optional<User> findByUsername(String username);

  /** Deletes the user and everything the user owns. */
  boolean delete(UserId id);
}
