package dev.va.adapter.mail.mime;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Test data kept outside the repository, in {@code ../shared} next to the repository root. */
final class SharedData {
  private SharedData() {}

  /** The folder {@code relative} under the shared folder; the test is skipped, saying why, when it is missing. */
  static Path folder(String relative) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve(".git"))) dir = dir.getParent();
    Path folder = dir == null || dir.getParent() == null ? null : dir.getParent().resolve("shared").resolve(relative);
    assumeTrue(folder != null && Files.isDirectory(folder),
        "shared test data not found: expected ../shared/" + relative + " beside the repository root");
    return folder;
  }
}
