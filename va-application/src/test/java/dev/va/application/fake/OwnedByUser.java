package dev.va.application.fake;

import dev.va.domain.user.UserId;

/** A fake store whose rows go with their user, as foreign keys make them go in the database. */
public interface OwnedByUser {
  void deleteOwnedBy(UserId owner);
}
