package dev.va.adapter.persistence;

import dev.va.application.port.out.AuditEventRepository;
import dev.va.application.port.out.AuditEventRepositoryContract;
import dev.va.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresAuditEventRepositoryTest implements AuditEventRepositoryContract {
  private final Database database;

  PostgresAuditEventRepositoryTest(Database database) {
    this.database = database;
  }

  @Override
  public AuditEventRepository audit() {
    return new PostgresAuditEventRepository(database);
  }

  @Override
  public UserRepository users() {
    return new PostgresUserRepository(database);
  }
}
