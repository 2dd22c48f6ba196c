package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link PasswordHasher} must have. */
public interface PasswordHasherContract {

  /** The hasher under test, with its configured (current) parameters. */
  PasswordHasher hasher();

  /** A hasher of the same kind whose parameters are all lower than those of {@link #hasher()}. */
  PasswordHasher weakerHasher();

  @Test
  default void verifiesTheRightPasswordOnly() {
    PasswordHasher hasher = hasher();
    String hash = hasher.hash("s3cret-Passw0rd".toCharArray());

    assertThat(hasher.verify("s3cret-Passw0rd".toCharArray(), hash)).isTrue();
    assertThat(hasher.verify("s3cret-Passw0rD".toCharArray(), hash)).isFalse();
    assertThat(hasher.verify("".toCharArray(), hash)).isFalse();
  }

  @Test
  default void handlesUnicodePasswords() {
    PasswordHasher hasher = hasher();
    String hash = hasher.hash("pässwörd ключ 🔑".toCharArray());

    assertThat(hasher.verify("pässwörd ключ 🔑".toCharArray(), hash)).isTrue();
    assertThat(hasher.verify("passwörd ключ 🔑".toCharArray(), hash)).isFalse();
  }

  @Test
  default void hashesAreSaltedAndDoNotShowThePassword() {
    PasswordHasher hasher = hasher();
    String first = hasher.hash("hunter2hunter2".toCharArray());
    String second = hasher.hash("hunter2hunter2".toCharArray());

    assertThat(first).isNotEqualTo(second).doesNotContain("hunter2");
    assertThat(hasher.verify("hunter2hunter2".toCharArray(), second)).isTrue();
  }

  @Test
  default void malformedHashesNeverVerifyAndNeedRehash() {
    PasswordHasher hasher = hasher();
    String good = hasher.hash("password".toCharArray());
    List<String> malformed = List.of("", "plain", "$", "$$$$$", good.substring(0, good.length() / 2),
        good.substring(0, good.lastIndexOf('$')), good + "$extra", good.replace('$', '#'));

    for (String hash : malformed) {
      assertThat(hasher.verify("password".toCharArray(), hash)).as(hash).isFalse();
      assertThat(hasher.needsRehash(hash)).as(hash).isTrue();
    }
  }

  @Test
  default void alteredHashDoesNotVerify() {
    PasswordHasher hasher = hasher();
    String hash = hasher.hash("password".toCharArray());
    int lastChar = hash.length() - 2; // not the final character, whose low bits base64 may ignore
    char replacement = hash.charAt(lastChar) == 'A' ? 'B' : 'A';
    String altered = hash.substring(0, lastChar) + replacement + hash.substring(lastChar + 1);

    assertThat(hasher.verify("password".toCharArray(), altered)).isFalse();
  }

  @Test
  default void onlyHashesWithWeakerParametersNeedRehash() {
    PasswordHasher current = hasher();
    PasswordHasher weaker = weakerHasher();
    String strongHash = current.hash("password".toCharArray());
    String weakHash = weaker.hash("password".toCharArray());

    assertThat(current.needsRehash(strongHash)).isFalse();
    assertThat(current.needsRehash(weakHash)).isTrue();
    assertThat(weaker.needsRehash(strongHash)).isFalse();
    // the parameters travel with the hash, so old hashes keep verifying after an upgrade
    assertThat(current.verify("password".toCharArray(), weakHash)).isTrue();
    assertThat(weaker.verify("password".toCharArray(), strongHash)).isTrue();
  }
}
