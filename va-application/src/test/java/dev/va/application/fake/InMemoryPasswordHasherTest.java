package dev.va.application.fake;

import dev.va.application.port.out.PasswordHasher;
import dev.va.application.port.out.PasswordHasherContract;

class InMemoryPasswordHasherTest implements PasswordHasherContract {
  @Override
  public PasswordHasher hasher() {
    return new InMemoryPasswordHasher(100);
  }

  @Override
  public PasswordHasher weakerHasher() {
    return new InMemoryPasswordHasher(10);
  }
}
