package dev.va.application.fake;

import dev.va.application.port.out.FileStorage;
import dev.va.application.port.out.FileStorageContract;

class InMemoryFileStorageTest implements FileStorageContract {
  @Override
  public FileStorage storage() {
    return new InMemoryFileStorage();
  }
}
