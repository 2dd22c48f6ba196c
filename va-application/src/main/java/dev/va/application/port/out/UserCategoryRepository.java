package dev.va.application.port.out;

import dev.va.domain.mail.Category;
import dev.va.domain.mail.UserCategory;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/** The categories users defined, keyed by owner and name; listed oldest first (creation time, then name). */
public interface UserCategoryRepository {
  /**
   * Stores a new category unless its owner has {@code limit} categories already; concurrent inserts for one owner
   * never exceed the limit together.
   *
   * @return false when the owner is at the limit (nothing stored)
   * @throws DuplicateException (field {@code name}) when the owner has a category of that name
   */
  boolean insert(UserCategory category, int limit);

  /** Stores the new description and update time. @return false when the owner has no category of that name */
  boolean update(UserCategory category);

  Optional<UserCategory> find(UserId owner, Category name);

  List<UserCategory> listByUser(UserId owner);

  boolean delete(UserId owner, Category name);
}
