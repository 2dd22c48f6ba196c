package dev.va.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedSecretsTest {
  @TempDir Path temp;

  @Test
  void createsOwnerOnlyFileOnceAndReadsItBack() throws Exception {
    Path dataDir = temp.resolve("data/va");
    GeneratedSecrets first = GeneratedSecrets.loadOrCreate(dataDir);

    assertThat(first.created()).isTrue();
    assertThat(first.encryptionKeys()).hasSize(1);
    assertThat(first.secretKey()).matches("[A-Za-z0-9_-]{64}");
    Path file = dataDir.resolve("secrets.properties");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    try (var listing = Files.list(dataDir)) {
      assertThat(listing).as("no temporary file left behind").containsExactly(file);
    }

    GeneratedSecrets again = GeneratedSecrets.loadOrCreate(dataDir);
    assertThat(again.created()).isFalse();
    assertThat(again.encryptionKeys()).isEqualTo(first.encryptionKeys());
    assertThat(again.secretKey()).isEqualTo(first.secretKey());
  }

  @Test
  void generatedKeysWorkWithTheirConsumers() {
    GeneratedSecrets secrets = GeneratedSecrets.loadOrCreate(temp);
    FernetTokenCipher cipher = new FernetTokenCipher(secrets.encryptionKeys(), Clock.systemUTC(), new SecureRandom());
    assertThat(cipher.decrypt(cipher.encrypt("x"))).isEqualTo("x");
    assertThat(secrets.toString()).doesNotContain(secrets.secretKey());
  }

  @Test
  void keepsHandAddedRotationKeysAndRejectsABrokenFile() throws Exception {
    Path file = temp.resolve("secrets.properties");
    FernetKey newer = FernetKey.generate(new SecureRandom());
    GeneratedSecrets created = GeneratedSecrets.loadOrCreate(temp);
    String content = Files.readString(file).replace("ENCRYPTION_KEY=",
        "ENCRYPTION_KEY=" + newer.encoded() + ",");
    Files.writeString(file, content);

    assertThat(GeneratedSecrets.loadOrCreate(temp).encryptionKeys())
        .isEqualTo(List.of(newer, created.encryptionKeys().get(0)));

    Files.writeString(file, "SECRET_KEY=abc\n");
    assertThatThrownBy(() -> GeneratedSecrets.loadOrCreate(temp))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ENCRYPTION_KEY");
  }
}
