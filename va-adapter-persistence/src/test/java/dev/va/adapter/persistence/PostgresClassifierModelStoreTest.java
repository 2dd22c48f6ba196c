package dev.va.adapter.persistence;

import dev.va.application.port.out.ClassifierModelStore;
import dev.va.application.port.out.ClassifierModelStoreContract;
import dev.va.application.port.out.UserRepository;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PostgresClassifierModelStoreTest implements ClassifierModelStoreContract {
  private final Database database;

  PostgresClassifierModelStoreTest(Database database) {
    this.database = database;
  }

  @Override
  public ClassifierModelStore models() {
    return new PostgresClassifierModelStore(database);
  }

  @Override
  public UserRepository users() {
    return new PostgresUserRepository(database);
  }
}
