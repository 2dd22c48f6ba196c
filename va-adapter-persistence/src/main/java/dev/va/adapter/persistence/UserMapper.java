package dev.va.adapter.persistence;

import java.util.UUID;

/** Statements on {@code users}, in UserMapper.xml. */
interface UserMapper {
  void insert(UserRow row);

  int update(UserRow row);

  UserRow findById(UUID id);

  UserRow findByEmail(String email);

  UserRow findByUsername(String username);

  int delete(UUID id);
}
