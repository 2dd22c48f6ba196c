package dev.va.application.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.va.application.RequestMeta;
import dev.va.application.audit.AuditTrail;
import dev.va.application.fake.InMemoryAccessTokens;
import dev.va.application.fake.InMemoryPasswordHasher;
import dev.va.application.fake.InMemoryRepositories;
import dev.va.application.fake.InMemorySecureTokens;
import dev.va.application.fake.SettableClock;
import dev.va.application.port.in.AuthUseCases.LoginCommand;
import dev.va.application.port.in.AuthUseCases.RegisterCommand;
import dev.va.application.port.in.AuthUseCases.UpdateProfileCommand;
import dev.va.application.port.out.DuplicateException;
import dev.va.application.port.out.PasswordHasher;
import dev.va.domain.audit.AuditEvent;
import dev.va.domain.shared.DomainValidationException;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthServiceTest {
  private static final String PASSWORD = "correct horse battery";
  private static final Duration REFRESH_LIFETIME = Duration.ofDays(30);
  private static final RequestMeta FROM_A = new RequestMeta("req-1", "203.0.113.7");
  private static final RequestMeta FROM_B = new RequestMeta("req-2", "198.51.100.20");
  /** Free failures of one client address; more than an account gets, so account tests stay clear of it. */
  private static final int ADDRESS_FREE_FAILURES = 10;

  private final SettableClock clock = new SettableClock(Instant.parse("2025-03-01T10:00:00Z"));
  private final InMemoryRepositories repositories = new InMemoryRepositories();
  private final InMemoryAccessTokens accessTokens = new InMemoryAccessTokens("k1-0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8), Duration.ofMinutes(15), clock);
  private final AuthService auth = service(new InMemoryPasswordHasher(10));

  private AuthService service(PasswordHasher hasher) {
    return new AuthService(repositories.users(), repositories.refreshTokens(), hasher, accessTokens,
        new InMemorySecureTokens(), new AuditTrail(repositories.audit(), clock),
        new LoginThrottle(clock, 5, Duration.ofMinutes(15), Duration.ofMinutes(15)),
        new LoginThrottle(clock, ADDRESS_FREE_FAILURES, Duration.ofMinutes(15), Duration.ofMinutes(15)),
        clock, REFRESH_LIFETIME);
  }

  private User alice() {
    return auth.register(RegisterCommand.of("Alice@Example.org", "alice_1", PASSWORD), FROM_A);
  }

  private TokenPair login(String login, String password, RequestMeta meta) {
    return auth.login(new LoginCommand(login, password, meta));
  }

  private TokenPair login(String login, String password) {
    return login(login, password, FROM_A);
  }

  private void failLogin(String login, RequestMeta meta) {
    assertThatThrownBy(() -> login(login, "wrong password!", meta)).isInstanceOf(AuthenticationException.class);
  }

  private Duration lockedFor(String login) {
    return catchThrowableOfType(TooManyAttemptsException.class, () -> login(login, PASSWORD)).retryAfter();
  }

  private void later(Duration duration) {
    clock.set(clock.instant().plus(duration));
  }

  private List<String> actionsOf(UserId actor) {
    return repositories.audit().all().stream().filter(e -> actor.equals(e.actor())).map(AuditEvent::action).toList();
  }

  @Test
  void registersAUserWithAHashedPassword() {
    User user = alice();

    assertThat(repositories.users().findById(user.id())).contains(user);
    assertThat(user.email()).isEqualTo(EmailAddress.of("alice@example.org"));
    assertThat(user.passwordHash()).doesNotContain(PASSWORD);
    assertThat(new InMemoryPasswordHasher(10).verify(PASSWORD.toCharArray(), user.passwordHash())).isTrue();
    assertThat(repositories.audit().all()).singleElement().satisfies(event -> {
      assertThat(event.action()).isEqualTo("user.registered");
      assertThat(event.actor()).isEqualTo(user.id());
      assertThat(event.requestId()).isEqualTo("req-1");
      assertThat(event.clientAddress()).isEqualTo("203.0.113.7");
    });
  }

  @Test
  void refusesATakenEmailOrUsername() {
    alice();

    assertThatThrownBy(() -> auth.register(RegisterCommand.of("alice@example.org", "someone", PASSWORD), FROM_A))
        .isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("email"));
    assertThatThrownBy(() -> auth.register(RegisterCommand.of("other@example.org", "ALICE_1", PASSWORD), FROM_A))
        .isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("username"));
    assertThat(repositories.users().findByEmail(EmailAddress.of("other@example.org"))).isEmpty();
  }

  @Test
  void refusesShortAndCommonPasswords() {
    for (String weak : List.of("", "short", "123456789", "password123", "QWERTYUIOP")) {
      assertThatThrownBy(() -> auth.register(RegisterCommand.of("bob@example.org", "bob", weak), FROM_A))
          .as(weak)
          .isInstanceOfSatisfying(DomainValidationException.class, e -> assertThat(e.field()).isEqualTo("password"));
    }
    assertThat(repositories.users().findByUsername("bob")).isEmpty();
  }

  @Test
  void logsInByUsernameOrEmailWhateverTheirCase() {
    User user = alice();

    for (String name : List.of("alice_1", "ALICE_1", "alice@example.org", " Alice@EXAMPLE.org ")) {
      TokenPair pair = login(name, PASSWORD);
      assertThat(pair.tokenType()).isEqualTo("bearer");
      assertThat(pair.expiresIn()).isEqualTo(15 * 60);
      assertThat(auth.authenticate(pair.accessToken())).as(name).isEqualTo(user.id());
    }
  }

  @Test
  void refusesAWrongPasswordAndAnUnknownUserAlike() {
    User user = alice();

    AuthenticationException wrongPassword =
        catchThrowableOfType(AuthenticationException.class, () -> login("alice_1", "not the password"));
    AuthenticationException unknownUser =
        catchThrowableOfType(AuthenticationException.class, () -> login("nobody", PASSWORD));
    AuthenticationException unknownEmail =
        catchThrowableOfType(AuthenticationException.class, () -> login("nobody@example.org", PASSWORD));

    assertThat(wrongPassword.getMessage()).isEqualTo(unknownUser.getMessage()).isEqualTo(unknownEmail.getMessage());
    List<AuditEvent> failures = repositories.audit().all().stream()
        .filter(e -> e.action().equals("user.login_failed")).toList();
    assertThat(failures).extracting(AuditEvent::actor).containsExactly(user.id(), null, null);
    assertThat(failures).extracting(e -> e.details().get("login"))
        .containsExactly("alice_1", "nobody", "nobody@example.org");
  }

  @Test
  void locksAnAccountAfterFiveFailuresForGrowingDelays() {
    alice();
    for (int i = 0; i < 5; i++) failLogin("alice_1", FROM_A);

    // even the right password is refused while locked, from any address and under either name
    assertThat(lockedFor("alice_1")).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> login("alice@example.org", PASSWORD, FROM_B)).isInstanceOf(TooManyAttemptsException.class);

    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      later(lockedFor("alice_1"));
      failLogin("alice_1", FROM_A);
      waits.add(lockedFor("alice_1"));
    }
    assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));

    later(Duration.ofSeconds(8));
    assertThat(login("alice_1", PASSWORD).accessToken()).isNotBlank();
  }

  @Test
  void countsFailuresOncePerAccountWhicheverNameIsTyped() {
    alice();
    for (int i = 0; i < 3; i++) failLogin("alice_1", FROM_A);
    for (int i = 0; i < 2; i++) failLogin("ALICE@example.org", FROM_B);

    assertThat(lockedFor("alice_1")).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aLockedAccountDoesNotLockOthers() {
    alice();
    auth.register(RegisterCommand.of("bob@example.org", "bob_2", PASSWORD), FROM_B);
    for (int i = 0; i < 5; i++) failLogin("alice_1", FROM_A);

    assertThat(login("bob_2", PASSWORD, FROM_B).accessToken()).isNotBlank();
  }

  @Test
  void locksAClientAddressThatTriesManyNames() {
    User user = alice();
    for (int i = 0; i < ADDRESS_FREE_FAILURES; i++) failLogin("guess-" + i, FROM_A);

    // the address is locked for every account, even for a right password; other addresses are not
    assertThatThrownBy(() -> login("alice_1", PASSWORD, FROM_A))
        .isInstanceOfSatisfying(TooManyAttemptsException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    assertThat(auth.authenticate(login("alice_1", PASSWORD, FROM_B).accessToken())).isEqualTo(user.id());

    later(Duration.ofSeconds(1));
    failLogin("guess-again", FROM_A);
    assertThatThrownBy(() -> login("alice_1", PASSWORD, FROM_A))
        .isInstanceOfSatisfying(TooManyAttemptsException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
  }

  @Test
  void aSuccessfulLoginResetsTheAccountCounter() {
    alice();
    for (int i = 0; i < 4; i++) failLogin("alice_1", FROM_A);
    login("alice_1", PASSWORD);
    for (int i = 0; i < 4; i++) failLogin("alice_1", FROM_A);

    assertThat(login("alice_1", PASSWORD).accessToken()).isNotBlank();
  }

  @Test
  void rehashesAnOutdatedPasswordHashOnLogin() {
    AuthService before = service(new InMemoryPasswordHasher(2));
    User user = before.register(RegisterCommand.of("carol@example.org", "carol", PASSWORD), FROM_A);
    InMemoryPasswordHasher current = new InMemoryPasswordHasher(10);
    assertThat(current.needsRehash(user.passwordHash())).isTrue();

    auth.login(new LoginCommand("carol", PASSWORD, FROM_A));

    String rehashed = repositories.users().findById(user.id()).orElseThrow().passwordHash();
    assertThat(rehashed).isNotEqualTo(user.passwordHash());
    assertThat(current.needsRehash(rehashed)).isFalse();
    assertThat(current.verify(PASSWORD.toCharArray(), rehashed)).isTrue();
    auth.login(new LoginCommand("carol", PASSWORD, FROM_A));
    assertThat(repositories.users().findById(user.id()).orElseThrow().passwordHash()).isEqualTo(rehashed);
  }

  @Test
  void refreshRotatesTheRefreshToken() {
    User user = alice();
    TokenPair first = login("alice_1", PASSWORD);

    TokenPair second = auth.refresh(first.refreshToken(), FROM_A);

    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(auth.authenticate(second.accessToken())).isEqualTo(user.id());
    assertThat(auth.refresh(second.refreshToken(), FROM_A).refreshToken()).isNotBlank();
  }

  @Test
  void reuseOfARotatedTokenRevokesItsWholeFamily() {
    User user = alice();
    TokenPair stolen = login("alice_1", PASSWORD);
    TokenPair otherDevice = login("alice_1", PASSWORD);
    TokenPair rotated = auth.refresh(stolen.refreshToken(), FROM_A);

    assertThatThrownBy(() -> auth.refresh(stolen.refreshToken(), FROM_B)).isInstanceOf(AuthenticationException.class);

    // the newest token of that login is dead too; another login's session lives on
    assertThatThrownBy(() -> auth.refresh(rotated.refreshToken(), FROM_A))
        .isInstanceOf(AuthenticationException.class);
    assertThat(auth.refresh(otherDevice.refreshToken(), FROM_A).refreshToken()).isNotBlank();
    assertThat(repositories.audit().all()).filteredOn(e -> e.action().equals("token.reuse_detected"))
        .singleElement().satisfies(e -> {
          assertThat(e.actor()).isEqualTo(user.id());
          assertThat(e.clientAddress()).isEqualTo("198.51.100.20");
        });
  }

  @Test
  void refusesAnExpiredRefreshToken() {
    alice();
    TokenPair early = login("alice_1", PASSWORD);
    TokenPair late = login("alice_1", PASSWORD);

    later(REFRESH_LIFETIME.minusSeconds(1));
    assertThat(auth.refresh(early.refreshToken(), FROM_A).refreshToken()).isNotBlank();
    later(Duration.ofSeconds(1));
    assertThatThrownBy(() -> auth.refresh(late.refreshToken(), FROM_A)).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void refusesUnknownAndMissingRefreshTokens() {
    assertThatThrownBy(() -> auth.refresh("tok-never-issued", FROM_A)).isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> auth.refresh(" ", FROM_A))
        .isInstanceOfSatisfying(DomainValidationException.class,
            e -> assertThat(e.field()).isEqualTo("refresh_token"));
  }

  @Test
  void logoutRevokesTheSessionOfTheTokenOrEverySession() {
    User user = alice();
    User bob = auth.register(RegisterCommand.of("bob@example.org", "bob_2", PASSWORD), FROM_B);
    TokenPair laptop = login("alice_1", PASSWORD);
    TokenPair phone = login("alice_1", PASSWORD);
    TokenPair bobs = login("bob_2", PASSWORD);

    auth.logout(user.id(), laptop.refreshToken(), FROM_A);
    assertThatThrownBy(() -> auth.refresh(laptop.refreshToken(), FROM_A)).isInstanceOf(AuthenticationException.class);
    TokenPair phoneAgain = auth.refresh(phone.refreshToken(), FROM_A);

    // a token of someone else is left alone
    auth.logout(user.id(), bobs.refreshToken(), FROM_A);
    assertThat(auth.refresh(bobs.refreshToken(), FROM_B).refreshToken()).isNotBlank();

    auth.logout(user.id(), null, FROM_A);
    assertThatThrownBy(() -> auth.refresh(phoneAgain.refreshToken(), FROM_A))
        .isInstanceOf(AuthenticationException.class);
    assertThat(actionsOf(user.id())).containsSubsequence("user.logout", "user.logout", "user.logout");
    assertThat(actionsOf(bob.id())).doesNotContain("user.logout");
  }

  @Test
  void changingThePasswordNeedsTheCurrentOneAndEndsEverySession() {
    User user = alice();
    TokenPair session = login("alice_1", PASSWORD);

    assertThatThrownBy(() -> auth.update(
        new UpdateProfileCommand(user.id(), null, "not my password", "a brand new secret", FROM_A)))
        .isInstanceOfSatisfying(DomainValidationException.class,
            e -> assertThat(e.field()).isEqualTo("current_password"));
    assertThat(auth.refresh(session.refreshToken(), FROM_A).refreshToken()).isNotBlank();
    TokenPair current = login("alice_1", PASSWORD);

    auth.update(new UpdateProfileCommand(user.id(), null, PASSWORD, "a brand new secret", FROM_A));

    assertThatThrownBy(() -> auth.refresh(current.refreshToken(), FROM_A))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> login("alice_1", PASSWORD)).isInstanceOf(AuthenticationException.class);
    assertThat(login("alice_1", "a brand new secret").accessToken()).isNotBlank();
    assertThat(actionsOf(user.id())).contains("user.password_changed");
  }

  @Test
  void guessesOfTheCurrentPasswordAreThrottled() {
    User user = alice();
    UpdateProfileCommand guess = new UpdateProfileCommand(user.id(), null, "a wrong guess", "a brand new secret",
        FROM_A);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> auth.update(guess)).isInstanceOf(DomainValidationException.class);
    }

    assertThatThrownBy(() -> auth.update(
        new UpdateProfileCommand(user.id(), null, PASSWORD, "a brand new secret", FROM_A)))
        .isInstanceOf(TooManyAttemptsException.class);
  }

  @Test
  void changesTheEmailWithTheCurrentPasswordUnlessTaken() {
    User user = alice();
    auth.register(RegisterCommand.of("bob@example.org", "bob_2", PASSWORD), FROM_B);

    User changed = auth.update(new UpdateProfileCommand(user.id(), EmailAddress.of("alice@new.example.org"), PASSWORD,
        null, FROM_A));

    assertThat(auth.profile(user.id())).isEqualTo(changed);
    assertThat(changed.email()).isEqualTo(EmailAddress.of("alice@new.example.org"));
    assertThat(actionsOf(user.id())).contains("user.email_changed");
    assertThatThrownBy(() -> auth.update(new UpdateProfileCommand(user.id(), EmailAddress.of("bob@example.org"),
        PASSWORD, null, FROM_A)))
        .isInstanceOfSatisfying(DuplicateException.class, e -> assertThat(e.field()).isEqualTo("email"));
  }

  @Test
  void changingTheEmailNeedsTheCurrentPassword() {
    User user = alice();
    EmailAddress taken = EmailAddress.of("mallory@example.org");

    assertThatThrownBy(() -> new UpdateProfileCommand(user.id(), taken, null, null, FROM_A))
        .isInstanceOfSatisfying(DomainValidationException.class,
            e -> assertThat(e.field()).isEqualTo("current_password"));
    assertThatThrownBy(() -> auth.update(new UpdateProfileCommand(user.id(), taken, "not my password", null, FROM_A)))
        .isInstanceOfSatisfying(DomainValidationException.class,
            e -> assertThat(e.field()).isEqualTo("current_password"));

    assertThat(auth.profile(user.id()).email()).isEqualTo(user.email());
    assertThat(actionsOf(user.id())).doesNotContain("user.email_changed");
  }

  @Test
  void guessesOfThePasswordToChangeTheEmailAreThrottledWithLogins() {
    User user = alice();
    EmailAddress taken = EmailAddress.of("mallory@example.org");
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> auth.update(new UpdateProfileCommand(user.id(), taken, "a wrong guess", null, FROM_A)))
          .isInstanceOf(DomainValidationException.class);
    }
    failLogin("alice_1", FROM_A);

    // the fifth failure, a login, locked the account for every password check
    assertThatThrownBy(() -> auth.update(new UpdateProfileCommand(user.id(), taken, PASSWORD, null, FROM_A)))
        .isInstanceOf(TooManyAttemptsException.class);
    assertThat(lockedFor("alice_1")).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void authenticateRefusesGarbageExpiredTokensAndDeletedUsers() {
    User user = alice();
    String access = login("alice_1", PASSWORD).accessToken();
    assertThat(auth.authenticate(access)).isEqualTo(user.id());

    assertThatThrownBy(() -> auth.authenticate("garbage")).isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> auth.authenticate(null)).isInstanceOf(AuthenticationException.class);

    repositories.users().delete(user.id());
    assertThatThrownBy(() -> auth.authenticate(access)).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void authenticateRefusesAnExpiredAccessToken() {
    alice();
    String access = login("alice_1", PASSWORD).accessToken();

    later(Duration.ofMinutes(15));

    assertThatThrownBy(() -> auth.authenticate(access)).isInstanceOf(AuthenticationException.class);
  }

  @Test
  void theAuditTrailFollowsTheAccountsLife() {
    User user = alice();
    TokenPair session = login("alice_1", PASSWORD);
    failLogin("alice_1", FROM_A);
    auth.logout(user.id(), session.refreshToken(), FROM_A);
    auth.update(new UpdateProfileCommand(user.id(), null, PASSWORD, "a brand new secret", FROM_A));

    assertThat(actionsOf(user.id())).containsExactly("user.registered", "user.login", "user.login_failed",
        "user.logout", "user.password_changed");
  }
}
