package dev.va.adapter.persistence;

import java.util.List;
import java.util.UUID;

/** Statements on {@code user_categories}, in UserCategoryMapper.xml. */
interface UserCategoryMapper {
  /** Holds, to the end of the transaction, the lock that orders the inserts of one owner. */
  int lockOwner(UUID userId);

  int countByUser(UUID userId);

  void insert(UserCategoryRow row);

  int updateDescription(UserCategoryRow row);

  UserCategoryRow find(UUID userId, String name);

  List<UserCategoryRow> listByUser(UUID userId);

  int delete(UUID userId, String name);
}
