package dev.va.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.va.bootstrap.security.FernetVectors.SpecCase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Fernet specification's own vectors (github.com/fernet/spec), read from {@code ../shared/data/fernet}. That
 * folder is not part of the repository, so without it these tests are skipped with a message; the project's own
 * vectors ({@link FernetInteropVectorsTest}) cover the format on a bare clone.
 */
class FernetSpecVectorsTest {
  private Path folder;

  @BeforeEach
  void findVectors() {
    Optional<Path> found = FernetVectors.specFolder();
    assumeTrue(found.isPresent(),
        "Fernet spec vectors not found at ../shared/data/fernet beside the repository root: spec vector tests skipped");
    folder = found.get();
  }

  @Test
  void reproducesGenerate() throws Exception {
    List<SpecCase> cases = FernetVectors.spec(folder, "generate.json");
    assertThat(cases).isNotEmpty();
    for (SpecCase c : cases) {
      Fernet fernet = new Fernet(FernetKey.parse(c.secret()));
      String token = fernet.encrypt(c.src().getBytes(StandardCharsets.UTF_8),
          OffsetDateTime.parse(c.now()).toInstant(), FernetVectors.bytes(c.iv()));
      assertThat(token).isEqualTo(c.token());
    }
  }

  @Test
  void acceptsVerifyAtItsTimeAndTtl() throws Exception {
    List<SpecCase> cases = FernetVectors.spec(folder, "verify.json");
    assertThat(cases).isNotEmpty();
    for (SpecCase c : cases) {
      byte[] plaintext = new Fernet(FernetKey.parse(c.secret()))
          .decrypt(c.token(), OffsetDateTime.parse(c.now()).toInstant(), Duration.ofSeconds(c.ttlSeconds()));
      assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(c.src());
    }
  }

  @Test
  void rejectsEveryInvalidCase() throws Exception {
    List<SpecCase> cases = FernetVectors.spec(folder, "invalid.json");
    assertThat(cases).hasSize(8);
    for (SpecCase c : cases) {
      Fernet fernet = new Fernet(FernetKey.parse(c.secret()));
      assertThatThrownBy(() -> fernet.decrypt(
              c.token(), OffsetDateTime.parse(c.now()).toInstant(), Duration.ofSeconds(c.ttlSeconds())))
          .as(c.desc())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("invalid token: ");
    }
  }
}
