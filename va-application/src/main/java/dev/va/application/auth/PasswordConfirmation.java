package dev.va.application.auth;

import dev.va.application.port.out.PasswordHasher;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a signed-in user for their password again before a sensitive change (email, password, account deletion).
 * Wrong guesses count against the same per-account {@link LoginThrottle} as failed logins, so a stolen access token
 * is no way around the login limits: share one throttle between every service that checks passwords.
 */
public final class PasswordConfirmation {
  private final PasswordHasher hasher;
  private final LoginThrottle accountThrottle;

  public PasswordConfirmation(PasswordHasher hasher, LoginThrottle accountThrottle) {
    this.hasher = hasher;
    this.accountThrottle = accountThrottle;
  }

  /**
   * Returns when {@code password} is the user's.
   *
   * @throws TooManyAttemptsException while the account is locked, even for the right password
   * @throws DomainValidationException naming {@code field} when the password is missing or wrong
   */
  public void confirm(User user, String password, String field) {
    String key = accountKey(user.id());
    Optional<Duration> locked = accountThrottle.lockedFor(key);
    if (locked.isPresent()) throw new TooManyAttemptsException(locked.get());
    if (password == null || !hasher.verify(password.toCharArray(), user.passwordHash())) {
      accountThrottle.recordFailure(key);
      throw new DomainValidationException(field, field + " is wrong");
    }
    accountThrottle.recordSuccess(key);
  }

  /** The throttle key of an account, whichever name it logs in with. */
  static String accountKey(UserId user) {
    return "user:" + user;
  }
}
