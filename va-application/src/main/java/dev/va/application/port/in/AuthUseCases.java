package dev.va.application.port.in;

import dev.va.application.RequestMeta;
import dev.va.application.auth.PasswordPolicy;
import dev.va.application.auth.TokenPair;
import dev.va.domain.shared.EmailAddress;
import dev.va.domain.shared.Require;
import dev.va.domain.user.User;
import dev.va.domain.user.UserId;

/** The use cases of accounts and sessions, one method each, with their self-validating commands. A namespace: each nested interface is one use case with its command records. */
public interface AuthUseCases {
  /** A new account. The password must satisfy {@link PasswordPolicy}. */
  record RegisterCommand(EmailAddress email, String username, String password) {
    public RegisterCommand {
      Require.nonNull(email, "email");
      Require.notBlank(username, "username");
      PasswordPolicy.check(password, "password");
    }

    public static RegisterCommand of(String email, String username, String password) {
      return new RegisterCommand(EmailAddress.of(email), username == null ? null : username.trim(), password);
    }
  }

  /** {@code login} is a username or an email address. */
  record LoginCommand(String login, String password, RequestMeta meta) {
    public LoginCommand {
      Require.notBlank(login, "login");
      Require.maxLength(login, 254, "login");
      Require.nonNull(password, "password");
      Require.maxLength(password, PasswordPolicy.MAX_LENGTH, "password");
    }
  }

  /** Changes to the caller's profile; a new email address or password needs the current password. */
  record UpdateProfileCommand(UserId user, EmailAddress email, String currentPassword, String newPassword,
      RequestMeta meta) {
    public UpdateProfileCommand {
      Require.nonNull(user, "user");
      if (email != null || newPassword != null) {
        Require.that(currentPassword != null, "current_password",
            "current_password is required to change the email or password");
      }
      if (newPassword != null) PasswordPolicy.check(newPassword, "new_password");
    }
  }

  interface RegisterUser {
    User register(RegisterCommand command, RequestMeta meta);
  }

  interface Login {
    TokenPair login(LoginCommand command);
  }

  interface RefreshSession {
    TokenPair refresh(String refreshToken, RequestMeta meta);
  }

  interface Logout {
    void logout(UserId user, String refreshToken, RequestMeta meta);
  }

  /** Resolves a bearer access token to its user. */
  interface Authenticate {
    UserId authenticate(String accessToken);
  }

  interface GetProfile {
    User profile(UserId user);
  }

  interface UpdateProfile {
    User update(UpdateProfileCommand command);
  }
}
