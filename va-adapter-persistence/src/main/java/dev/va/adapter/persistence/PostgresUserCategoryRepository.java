package dev.va.adapter.persistence;

import dev.va.application.port.out.UserCategoryRepository;
import dev.va.domain.mail.Category;
import dev.va.domain.mail.UserCategory;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/** Users' categories in PostgreSQL. */
public final class PostgresUserCategoryRepository implements UserCategoryRepository {
  private final Database database;

  public PostgresUserCategoryRepository(Database database) {
    this.database = database;
  }

  @Override
  public boolean insert(UserCategory category, int limit) {
    UserCategoryRow row = UserCategoryRow.of(category);
    // the lock makes count and insert one step per owner: two requests cannot both take the last place
    return database.commitIf(session -> {
      UserCategoryMapper mapper = session.getMapper(UserCategoryMapper.class);
      mapper.lockOwner(row.userId());
      if (mapper.countByUser(row.userId()) >= limit) return false;
      mapper.insert(row);
      return true;
    });
  }

  @Override
  public boolean update(UserCategory category) {
    return database.call(UserCategoryMapper.class,
        mapper -> mapper.updateDescription(UserCategoryRow.of(category))) > 0;
  }

  @Override
  public Optional<UserCategory> find(UserId owner, Category name) {
    return Optional.ofNullable(database.call(UserCategoryMapper.class,
        mapper -> mapper.find(owner.value(), name.name()))).map(UserCategoryRow::toDomain);
  }

  @Override
  public List<UserCategory> listByUser(UserId owner) {
    return database.call(UserCategoryMapper.class, mapper -> mapper.listByUser(owner.value())).stream()
        .map(UserCategoryRow::toDomain).toList();
  }

  @Override
  public boolean delete(UserId owner, Category name) {
    return database.call(UserCategoryMapper.class, mapper -> mapper.delete(owner.value(), name.name())) > 0;
  }
}
