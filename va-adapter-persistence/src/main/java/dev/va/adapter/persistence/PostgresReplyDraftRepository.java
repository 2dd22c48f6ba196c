package dev.va.adapter.persistence;

import dev.va.application.port.out.Cursor;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.application.port.out.ReplyDraftRepository;
import dev.va.domain.reply.DraftStatus;
import dev.va.domain.reply.ReplyDraft;
import dev.va.domain.reply.ReplyDraftId;
import dev.va.domain.user.UserId;
import java.util.Locale;
import java.util.Optional;

/** Reply drafts in PostgreSQL: unique per rule and message, versioned optimistically. */
public final class PostgresReplyDraftRepository implements ReplyDraftRepository {
  private final Database database;

  public PostgresReplyDraftRepository(Database database) {
    this.database = database;
  }

  @Override
  public boolean insertIfAbsent(ReplyDraft draft) {
    return database.call(ReplyDraftMapper.class, mapper -> mapper.insertIfAbsent(ReplyDraftRow.of(draft))) > 0;
  }

  @Override
  public boolean update(ReplyDraft draft) {
    return database.call(ReplyDraftMapper.class, mapper -> mapper.updateVersion(ReplyDraftRow.of(draft))) > 0;
  }

  @Override
  public Optional<ReplyDraft> findById(UserId owner, ReplyDraftId id) {
    return Optional.ofNullable(database.call(ReplyDraftMapper.class,
        mapper -> mapper.findById(owner.value(), id.value()))).map(ReplyDraftRow::toDomain);
  }

  @Override
  public Page<ReplyDraft> list(UserId owner, DraftStatus status, PageRequest page) {
    Cursor after = Pages.after(page);
    var rows = database.call(ReplyDraftMapper.class, mapper -> mapper.list(owner.value(),
        status == null ? null : status.name().toLowerCase(Locale.ROOT), after == null ? null : after.at(),
        after == null ? null : after.id(), Pages.fetchSize(page)));
    return Pages.of(rows, page, ReplyDraftRow::createdAt, ReplyDraftRow::id, ReplyDraftRow::toDomain);
  }
}
