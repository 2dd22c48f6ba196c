package dev.va.application.security;

import dev.va.application.audit.AuditTrail;
import dev.va.application.RequestMeta;
import dev.va.application.port.in.RotateSecretsUseCase;
import dev.va.application.port.out.EmailAccountRepository;
import dev.va.application.port.out.TokenCipher;
import dev.va.domain.mail.EmailAccount;
import java.time.Clock;
import java.util.Map;

/**
 * Re-encrypts mailbox credentials that are not under the current key. Idempotent: a second run finds nothing to do,
 * and a run interrupted half-way can simply be started again.
 */
public final class SecretRotationService implements RotateSecretsUseCase {
  private final EmailAccountRepository accounts;
  private final TokenCipher cipher;
  private final AuditTrail audit;
  private final Clock clock;

  public SecretRotationService(EmailAccountRepository accounts, TokenCipher cipher, AuditTrail audit, Clock clock) {
    this.accounts = accounts;
    this.cipher = cipher;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public Rotation rotate() {
    int examined = 0;
    int reencrypted = 0;
    for (EmailAccount account : accounts.listAll()) {
      if (account.credentials() == null) continue;
      examined++;
      if (cipher.isCurrent(account.credentials())) continue;
      String plaintext = cipher.decrypt(account.credentials());
      accounts.update(account.withCredentials(cipher.encrypt(plaintext), clock.instant()));
      reencrypted++;
    }
    audit.record(null, "secrets.rotated", "email_account", null, RequestMeta.NONE,
        Map.of("examined", Integer.toString(examined), "reencrypted", Integer.toString(reencrypted)));
    return new Rotation(examined, reencrypted);
  }
}
