package dev.va.application.auth;

import dev.va.application.NotFoundException;
import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.port.in.AuthUseCases.Authenticate;
import dev.va.application.port.in.AuthUseCases.GetProfile;
import dev.va.application.port.in.AuthUseCases.Login;
import dev.va.application.port.in.AuthUseCases.LoginCommand;
import dev.va.application.port.in.AuthUseCases.Logout;
import dev.va.application.port.in.AuthUseCases.RefreshSession;
import dev.va.application.port.in.AuthUseCases.RegisterCommand;
import dev.va.application.port.in.AuthUseCases.RegisterUser;
import dev.va.application.port.in.AuthUseCases.UpdateProfile;
import dev.va.application.port.in.AuthUseCases.UpdateProfileCommand;
import dev.va.application.port.out.AccessTokens;
import dev.va.application.port.out.IssuedToken;
import dev.va.application.port.out.PasswordHasher;
import dev.va.application.port.out.RefreshTokenRepository;
import dev.va.application.port.out.SecureTokens;
import dev.va.application.port.out.UserRepository;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.RefreshToken;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Accounts and sessions: registration, login with throttling, refresh-token rotation, logout, profile. */
public final class AuthService
    implements RegisterUser, Login, RefreshSession, Logout, Authenticate, GetProfile, UpdateProfile {

  private static final String INVALID_CREDENTIALS = "invalid credentials";
  private static final String INVALID_TOKEN = "invalid or expired token";

  private final UserRepository users;
  private final RefreshTokenRepository refreshTokens;
  private final PasswordHasher hasher;
  private final AccessTokens accessTokens;
  private final SecureTokens secureTokens;
  private final AuditTrail audit;
  private final LoginThrottle accountThrottle;
  private final LoginThrottle addressThrottle;
  private final PasswordConfirmation confirmation;
  private final Clock clock;
  private final Duration refreshLifetime;
  private volatile String dummyHash;

  /**
   * @param accountThrottle failures per account; share it with every other service that checks passwords (see
   *     {@link PasswordConfirmation})
   * @param addressThrottle failed logins per client address
   */
  public AuthService(UserRepository users, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
      AccessTokens accessTokens, SecureTokens secureTokens, AuditTrail audit, LoginThrottle accountThrottle,
      LoginThrottle addressThrottle, Clock clock, Duration refreshLifetime) {
    this.users = users;
    this.refreshTokens = refreshTokens;
    this.hasher = hasher;
    this.accessTokens = accessTokens;
    this.secureTokens = secureTokens;
    this.audit = audit;
    this.accountThrottle = accountThrottle;
    this.addressThrottle = addressThrottle;
    this.confirmation = new PasswordConfirmation(hasher, accountThrottle);
    this.clock = clock;
    this.refreshLifetime = refreshLifetime;
  }

  @Override
  public User register(RegisterCommand command, RequestMeta meta) {
    User user = User.register(command.email(), command.username(),
        hasher.hash(command.password().toCharArray()), clock.instant());
    users.insert(user);
    audit.record(user.id(), "user.registered", "user", user.id().toString(), meta);
    return user;
  }

  @Override
  public TokenPair login(LoginCommand command) {
    String login = command.login().trim();
    String address = command.meta() == null ? null : command.meta().clientAddress();
    Optional<User> found = findByLogin(login);
    // One counter per account, whether its username or its email is typed; each unknown name counts on its own.
    String accountKey = found.map(u -> PasswordConfirmation.accountKey(u.id()))
        .orElse("login:" + login.toLowerCase(Locale.ROOT));
    Duration wait = longest(accountThrottle.lockedFor(accountKey),
        address == null ? Optional.empty() : addressThrottle.lockedFor(address));
    if (wait != null) throw new TooManyAttemptsException(wait);

    // Unknown users cost a hash verification too, so timing does not reveal which names exist.
    boolean ok = false;
    if (found.isPresent()) {
      ok = hasher.verify(command.password().toCharArray(), found.get().passwordHash());
    } else {
      hasher.verify(command.password().toCharArray(), dummyHash());
    }
    if (!ok) {
      accountThrottle.recordFailure(accountKey);
      if (address != null) addressThrottle.recordFailure(address);
      audit.record(found.map(User::id).orElse(null), "user.login_failed", "user",
          found.map(u -> u.id().toString()).orElse(null), command.meta(),
          Map.of("login", login.toLowerCase(Locale.ROOT)));
      throw new AuthenticationException(INVALID_CREDENTIALS);
    }
    User user = found.get();
    accountThrottle.recordSuccess(accountKey);
    if (hasher.needsRehash(user.passwordHash())) {
      user = user.withPasswordHash(hasher.hash(command.password().toCharArray()), clock.instant());
      users.update(user);
    }
    audit.record(user.id(), "user.login", "user", user.id().toString(), command.meta());
    return issue(user.id(), UUID.randomUUID());
  }

  @Override
  public TokenPair refresh(String refreshToken, RequestMeta meta) {
    if (refreshToken == null || refreshToken.isBlank()) {
      throw new DomainValidationException("refresh_token", "refresh_token is required");
    }
    RefreshToken stored = refreshTokens.findByHash(secureTokens.hash(refreshToken))
        .orElseThrow(() -> new AuthenticationException(INVALID_TOKEN));
    Instant now = clock.instant();
    if (stored.revokedAt() != null || !now.isBefore(stored.expiresAt())) {
      throw new AuthenticationException(INVALID_TOKEN);
    }
    // A rotated token presented again (or two concurrent uses of one token) means it leaked: end the session.
    if (stored.rotatedAt() != null || !refreshTokens.markRotated(stored.id(), now)) {
      refreshTokens.revokeFamily(stored.familyId(), now);
      audit.record(stored.userId(), "token.reuse_detected", "refresh_token_family", stored.familyId().toString(),
          meta);
      throw new AuthenticationException(INVALID_TOKEN);
    }
    return issue(stored.userId(), stored.familyId());
  }

  @Override
  public void logout(UserId user, String refreshToken, RequestMeta meta) {
    Instant now = clock.instant();
    if (refreshToken == null || refreshToken.isBlank()) {
      refreshTokens.revokeAllForUser(user, now);
    } else {
      refreshTokens.findByHash(secureTokens.hash(refreshToken))
          .filter(t -> t.userId().equals(user))
          .ifPresent(t -> refreshTokens.revokeFamily(t.familyId(), now));
    }
    audit.record(user, "user.logout", "user", user.toString(), meta);
  }

  @Override
  public UserId authenticate(String accessToken) {
    UserId user = accessTokens.verify(accessToken)
        .orElseThrow(() -> new AuthenticationException(INVALID_TOKEN)).user();
    // A deleted account's tokens stop working at once.
    if (users.findById(user).isEmpty()) throw new AuthenticationException(INVALID_TOKEN);
    return user;
  }

  @Override
  public User profile(UserId user) {
    return users.findById(user).orElseThrow(() -> new NotFoundException("user"));
  }

  @Override
  public User update(UpdateProfileCommand command) {
    User user = profile(command.user());
    Instant now = clock.instant();
    // Either change hands the account to whoever makes it, so a stolen access token alone must not be enough.
    if (command.email() != null || command.newPassword() != null) {
      confirmation.confirm(user, command.currentPassword(), "current_password");
    }
    if (command.newPassword() != null) {
      user = user.withPasswordHash(hasher.hash(command.newPassword().toCharArray()), now);
    }
    boolean emailChanged = command.email() != null && !command.email().equals(user.email());
    if (emailChanged) user = user.withEmail(command.email(), now);
    users.update(user);
    if (command.newPassword() != null) {
      refreshTokens.revokeAllForUser(user.id(), now);
      audit.record(user.id(), "user.password_changed", "user", user.id().toString(), command.meta());
    }
    if (emailChanged) {
      audit.record(user.id(), "user.email_changed", "user", user.id().toString(), command.meta());
    }
    return user;
  }

  private Optional<User> findByLogin(String login) {
    if (login.contains("@")) {
      try {
        return users.findByEmail(EmailAddress.of(login));
      } catch (DomainValidationException notAnAddress) {
        return Optional.empty();
      }
    }
    return users.findByUsername(login);
  }

  private TokenPair issue(UserId user, UUID family) {
    Instant now = clock.instant();
    String refresh = secureTokens.newToken();
    refreshTokens.insert(RefreshToken.issue(user, family, secureTokens.hash(refresh), now, refreshLifetime));
    IssuedToken access = accessTokens.issue(user);
    long expiresIn = Math.max(0, Duration.between(now, access.expiresAt()).toSeconds());
    return new TokenPair(access.token(), refresh, "bearer", expiresIn);
  }

  private String dummyHash() {
    String hash = dummyHash;
    if (hash == null) {
      hash = hasher.hash(UUID.randomUUID().toString().toCharArray());
      dummyHash = hash;
    }
    return hash;
  }

  private static Duration longest(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) return b.orElse(null);
    if (b.isEmpty()) return a.get();
    return a.get().compareTo(b.get()) >= 0 ? a.get() : b.get();
  }
}
