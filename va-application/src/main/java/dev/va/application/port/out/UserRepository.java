package dev.va.application.port.out;

import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.util.Optional;

/** Users. Email and username are unique (username case-insensitively). */
public interface UserRepository {
  /** @throws DuplicateException naming {@code email} or {@code username} when taken */
  void insert(User user);

  /**
   * Replaces the stored user with the same id; does nothing when there is none.
   *
   * @throws DuplicateException naming {@code email} or {@code username} when taken by another user
   */
  void update(User user);

  Optional<User> findById(UserId id);

  Optional<User> findByEmail(EmailAddress email);

  /** Case-insensitive. */
  Optional<User> findByUsername(String username);

  /** Deletes the user and everything the user owns. */
  boolean delete(UserId id);
}
