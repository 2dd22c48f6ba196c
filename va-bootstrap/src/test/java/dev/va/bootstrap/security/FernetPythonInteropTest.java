package dev.va.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.va.domain.shared.EncryptedSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live round trips with Python's {@code cryptography} (Debian package python3-cryptography); skipped with a message
 * where {@code /usr/bin/python3} cannot import it. Text travels base64url-encoded so no console encoding interferes.
 */
class FernetPythonInteropTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final String TEXT = "IMAP pässwörd ключ 🔑 " + "x".repeat(100);

  private final SecureRandom random = new SecureRandom();

  @BeforeAll
  static void requirePythonCryptography() throws Exception {
    boolean available = Files.isExecutable(PYTHON) && python("import cryptography.fernet").exitCode() == 0;
    assumeTrue(available,
        "/usr/bin/python3 with the cryptography package not available (apt-get install python3-cryptography): "
            + "Python interop tests skipped");
  }

  @Test
  void vaReadsWhatPythonEncrypts() throws Exception {
    FernetKey key = FernetKey.generate(random);
    Result python = python("""
        import base64, sys
        from cryptography.fernet import Fernet
        text = base64.urlsafe_b64decode(sys.argv[2])
        print(Fernet(sys.argv[1].encode()).encrypt(text).decode())
        """, key.encoded(), b64(TEXT));
    assertThat(python.exitCode()).as(python.output()).isZero();

    FernetTokenCipher cipher = new FernetTokenCipher(List.of(key), Clock.systemUTC(), random);
    assertThat(cipher.decrypt(new EncryptedSecret(python.output().trim()))).isEqualTo(TEXT);
  }

  @Test
  void pythonReadsWhatVaEncrypts() throws Exception {
    FernetKey old = FernetKey.generate(random);
    FernetKey current = FernetKey.generate(random);
    EncryptedSecret secret = new FernetTokenCipher(List.of(current, old), Clock.systemUTC(), random).encrypt(TEXT);
    Result python = python("""
        import base64, sys
        from cryptography.fernet import Fernet, MultiFernet
        f = MultiFernet([Fernet(sys.argv[1].encode()), Fernet(sys.argv[2].encode())])
        print(base64.urlsafe_b64encode(f.decrypt(sys.argv[3].encode(), ttl=600)).decode())
        """, old.encoded(), current.encoded(), secret.token());
    assertThat(python.exitCode()).as(python.output()).isZero();

    assertThat(new String(Base64.getUrlDecoder().decode(python.output().trim()), StandardCharsets.UTF_8))
        .isEqualTo(TEXT);
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private record Result(int exitCode, String output) {}

  private static Result python(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, "python did not exit: " + output);
    }
    return new Result(process.exitValue(), output);
  }
}
