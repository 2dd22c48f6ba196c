package dev.va.adapter.persistence;

import dev.va.application.port.out.Cursor;
import dev.va.application.port.out.DataAnalysisJobRepository;
import dev.va.application.port.out.Page;
import dev.va.application.port.out.PageRequest;
import dev.va.domain.analysis.DataAnalysisJob;
import dev.va.domain.analysis.DataAnalysisJobId;
import dev.va.domain.user.UserId;
import java.util.Optional;

/** Data analyses in PostgreSQL. */
public final class PostgresDataAnalysisJobRepository implements DataAnalysisJobRepository {
  private final Database database;

  public PostgresDataAnalysisJobRepository(Database database) {
    this.database = database;
  }

  @Override
  public void insert(DataAnalysisJob job) {
    database.run(DataAnalysisJobMapper.class, mapper -> mapper.insert(DataAnalysisJobRow.of(job)));
  }

  @Override
  public void update(DataAnalysisJob job) {
    database.run(DataAnalysisJobMapper.class, mapper -> mapper.update(DataAnalysisJobRow.of(job)));
  }

  @Override
  public Optional<DataAnalysisJob> findById(UserId owner, DataAnalysisJobId id) {
    return Optional.ofNullable(database.call(DataAnalysisJobMapper.class,
        mapper -> mapper.findById(owner.value(), id.value()))).map(DataAnalysisJobRow::toDomain);
  }

  @Override
  public Page<DataAnalysisJob> listByUser(UserId owner, PageRequest page) {
    Cursor after = Pages.after(page);
    var rows = database.call(DataAnalysisJobMapper.class, mapper -> mapper.listByUser(owner.value(),
        after == null ? null : after.at(), after == null ? null : after.id(), Pages.fetchSize(page)));
    return Pages.of(rows, page, DataAnalysisJobRow::createdAt, DataAnalysisJobRow::id,
        DataAnalysisJobRow::toDomain);
  }

  @Override
  public boolean delete(UserId owner, DataAnalysisJobId id) {
    return database.call(DataAnalysisJobMapper.class, mapper -> mapper.delete(owner.value(), id.value())) > 0;
  }
}
