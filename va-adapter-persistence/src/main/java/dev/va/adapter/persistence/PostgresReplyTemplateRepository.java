package dev.va.adapter.persistence;

import dev.va.application.port.out.ReplyTemplateRepository;
import dev.va.domain.reply.ReplyTemplate;
import dev.va.domain.reply.ReplyTemplateId;
import dev.va.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/** Reply templates in PostgreSQL, versioned optimistically. */
public final class PostgresReplyTemplateRepository implements ReplyTemplateRepository {
  private final Database database;

  public PostgresReplyTemplateRepository(Database database) {
    this.database = database;
  }

  @Override
  public void insert(ReplyTemplate template) {
    database.run(ReplyTemplateMapper.class, mapper -> mapper.insert(ReplyTemplateRow.of(template)));
  }

  @Override
  public boolean update(ReplyTemplate template) {
    return database.call(ReplyTemplateMapper.class,
        mapper -> mapper.updateVersion(ReplyTemplateRow.of(template))) > 0;
  }

  @Override
  public Optional<ReplyTemplate> findById(UserId owner, ReplyTemplateId id) {
    return Optional.ofNullable(database.call(ReplyTemplateMapper.class,
        mapper -> mapper.findById(owner.value(), id.value()))).map(ReplyTemplateRow::toDomain);
  }

  @Override
  public List<ReplyTemplate> listByUser(UserId owner) {
    return database.call(ReplyTemplateMapper.class, mapper -> mapper.listByUser(owner.value())).stream()
        .map(ReplyTemplateRow::toDomain).toList();
  }

  @Override
  public boolean delete(UserId owner, ReplyTemplateId id) {
    return database.call(ReplyTemplateMapper.class, mapper -> mapper.delete(owner.value(), id.value())) > 0;
  }
}
