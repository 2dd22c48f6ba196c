package dev.va.application.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.va.application.audit.AuditTrail;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.InMemoryTokenCipher;
import dev.va.application.fake.SettableClock;
import dev.va.application.fixture.EmailAccountBuilder;
import dev.va.application.fixture.TestTimes;
import dev.va.application.fixture.UserBuilder;
import dev.va.application.port.in.RotateSecretsUseCase.Rotation;
import dev.va.domain.mail.EmailAccount;
import dev.va.domain.user.User;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretRotationServiceTest {
  private final InMemoryRepositories repos = new InMemoryRepositories();
  private final SettableClock clock = new SettableClock(TestTimes.T0);
  private final InMemoryTokenCipher oldCipher = new InMemoryTokenCipher(List.of("old"));
  private final InMemoryTokenCipher rotated = new InMemoryTokenCipher(List.of("new", "old"));

  @Test
  void reencrypts_only_secrets_under_an_old_key_and_keeps_their_plaintext() {
    User user = UserBuilder.aUser().build();
    repos.users().insert(user);
    EmailAccount stale = EmailAccountBuilder.anImapAccount(user.id()).build()
        .withCredentials(oldCipher.encrypt("imap-password"), TestTimes.T0);
    EmailAccount fresh = EmailAccountBuilder.anImapAccount(user.id()).build()
        .withCredentials(rotated.encrypt("oauth-token"), TestTimes.T0);
    EmailAccount none = EmailAccountBuilder.aGmailAccount(user.id()).build();
    repos.accounts().insert(stale);
    repos.accounts().insert(fresh);
    repos.accounts().insert(none);
    SecretRotationService service =
        new SecretRotationService(repos.accounts(), rotated, new AuditTrail(repos.audit(), clock), clock);

    Rotation first = service.rotate();

    assertThat(first).isEqualTo(new Rotation(2, 1));
    EmailAccount after = repos.accounts().findById(user.id(), stale.id()).orElseThrow();
    assertThat(rotated.isCurrent(after.credentials())).isTrue();
    assertThat(rotated.decrypt(after.credentials())).isEqualTo("imap-password");
    assertThat(rotated.decrypt(repos.accounts().findById(user.id(), fresh.id()).orElseThrow().credentials()))
        .isEqualTo("oauth-token");
    assertThat(service.rotate()).isEqualTo(new Rotation(2, 0));
  }
}
