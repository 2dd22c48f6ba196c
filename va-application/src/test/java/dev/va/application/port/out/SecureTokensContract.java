package dev.va.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link SecureTokens} must have. */
public interface SecureTokensContract {

  SecureTokens secureTokens();

  @Test
  default void tokensAreUrlSafeLongAndUnique() {
    SecureTokens tokens = secureTokens();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      String token = tokens.newToken();
      assertThat(token).matches("[A-Za-z0-9_-]{43,}");
      assertThat(seen.add(token)).as("token repeated: %s", token).isTrue();
    }
  }

  @Test
  default void hashIsStableOneWayAndDistinguishesTokens() {
    SecureTokens tokens = secureTokens();
    String token = tokens.newToken();
    String other = tokens.newToken();

    assertThat(tokens.hash(token)).isEqualTo(tokens.hash(token)).isNotEqualTo(tokens.hash(other));
    assertThat(tokens.hash(token)).doesNotContain(token);
    // a separate instance hashes alike: stored hashes must survive a restart
    assertThat(secureTokens().hash(token)).isEqualTo(tokens.hash(token));
  }
}
