package dev.va.application.fake;

import dev.va.application.port.out.AuditEventRepository;
import dev.va.application.port.out.AuditEventRepositoryContract;
import dev.va.application.port.out.UserRepository;

class InMemoryAuditEventRepositoryTest implements AuditEventRepositoryContract {
  private final InMemoryRepositories repositories = new InMemoryRepositories();

  @Override
  public AuditEventRepository audit() {
    return repositories.audit();
  }

  @Override
  public UserRepository users() {
    return repositories.users();
  }
}
