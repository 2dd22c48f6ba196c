package dev.va.adapter.web.identity;

import dev.va.adapter.web.RequestContext;
import dev.va.adapter.web.WebServer;
import dev.va.adapter.web.http.ErrorResponse;
import dev.va.application.port.in.AuthUseCases.Login;
import dev.va.application.port.in.AuthUseCases.LoginCommand;
import dev.va.application.port.in.AuthUseCases.Logout;
import dev.va.application.port.in.AuthUseCases.RefreshSession;
import dev.va.application.port.in.AuthUseCases.RegisterCommand;
import dev.va.application.port.in.AuthUseCases.RegisterUser;
import dev.va.domain.user.User;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiRequired;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import jakarta.inject.Inject;

/** Registration and sessions: login, refresh-token rotation, logout. */
public final class AuthController {

  /** A new account; the password needs at least 10 characters and must not be a common one. */
  public record RegisterRequest(
      @OpenApiRequired String email, @OpenApiRequired String username, @OpenApiRequired String password) {
    @Override
    public String toString() {
      return "RegisterRequest[email=" + email + ", username=" + username + ", password=***]";
    }
  }

  /**
   * Credentials: the account is named by {@code login} (a username or an email address), {@code username} or
   * {@code email}.
   */
  public record LoginRequest(String login, String username, String email, @OpenApiRequired String password) {
    @Override
    public String toString() {
      return "LoginRequest[login=" + login + ", username=" + username + ", email=" + email + ", password=***]";
    }
  }

  /** The refresh token of the session to continue. */
  public record RefreshRequest(@OpenApiRequired @OpenApiName("refresh_token") String refreshToken) {
    @Override
    public String toString() {
      return "RefreshRequest[refresh_token=***]";
    }
  }

  /** The refresh token of the session to end; without one, every session of the user ends. */
  public record LogoutRequest(@OpenApiName("refresh_token") String refreshToken) {
    @Override
    public String toString() {
      return "LogoutRequest[refresh_token=***]";
    }
  }

  private final RegisterUser registerUser;
  private final Login login;
  private final RefreshSession refreshSession;
  private final Logout logout;

  @Inject
  public AuthController(RegisterUser registerUser, Login login, RefreshSession refreshSession, Logout logout) {
    this.registerUser = registerUser;
    this.login = login;
    this.refreshSession = refreshSession;
    this.logout = logout;
  }

  @OpenApi(
      path = IdentityRoutes.REGISTER,
      methods = HttpMethod.POST,
      operationId = "register",
      summary = "Create an account",
      tags = "auth",
      requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = RegisterRequest.class)),
      responses = {
        @OpenApiResponse(status = "201", content = @OpenApiContent(from = UserView.class)),
        @OpenApiResponse(status = "400", description = "a field is missing or invalid (the password too weak)",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "email or username taken",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void register(Context ctx) {
    RegisterRequest in = ctx.bodyAsClass(RegisterRequest.class);
    User user = registerUser.register(RegisterCommand.of(in.email(), in.username(), in.password()),
        RequestContext.of(ctx).meta());
    ctx.status(HttpStatus.CREATED).json(UserView.of(user));
  }

  @OpenApi(
      path = IdentityRoutes.LOGIN,
      methods = HttpMethod.POST,
      operationId = "login",
      summary = "Start a session with a username or email address and the password",
      tags = "auth",
      requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = LoginRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = TokenResponse.class)),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", description = "invalid credentials",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "429", description = "too many failed attempts; see the Retry-After header (seconds)",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void login(Context ctx) {
    LoginRequest in = ctx.bodyAsClass(LoginRequest.class);
    String account = in.login() != null ? in.login() : in.username() != null ? in.username() : in.email();
    tokens(ctx, TokenResponse.of(login.login(new LoginCommand(account, in.password(), RequestContext.of(ctx).meta()))));
  }

  @OpenApi(
      path = IdentityRoutes.REFRESH,
      methods = HttpMethod.POST,
      operationId = "refresh",
      summary = "Exchange a refresh token for new tokens (the old refresh token stops working)",
      description = "Presenting a refresh token that was already exchanged ends the whole session.",
      tags = "auth",
      requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(from = RefreshRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = TokenResponse.class)),
        @OpenApiResponse(status = "400", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", description = "unknown, expired, revoked or reused refresh token",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void refresh(Context ctx) {
    RefreshRequest in = ctx.bodyAsClass(RefreshRequest.class);
    tokens(ctx, TokenResponse.of(refreshSession.refresh(in.refreshToken(), RequestContext.of(ctx).meta())));
  }

  @OpenApi(
      path = IdentityRoutes.LOGOUT,
      methods = HttpMethod.POST,
      operationId = "logout",
      summary = "End the session of the given refresh token, or every session of the user without a body",
      tags = "auth",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      requestBody = @OpenApiRequestBody(content = @OpenApiContent(from = LogoutRequest.class)),
      responses = {
        @OpenApiResponse(status = "204"),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void logout(Context ctx) {
    LogoutRequest in = ctx.body().isBlank() ? new LogoutRequest(null) : ctx.bodyAsClass(LogoutRequest.class);
    logout.logout(Auth.user(ctx), in.refreshToken(), RequestContext.of(ctx).meta());
    ctx.status(HttpStatus.NO_CONTENT);
  }

  /** RFC 6749 §5.1: responses carrying tokens must not be cached. */
  private static void tokens(Context ctx, TokenResponse response) {
    ctx.header(Header.CACHE_CONTROL, "no-store").json(response);
  }
}
